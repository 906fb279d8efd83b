import Logging
import PostgresNIO
import SpeechQueue

/// Versioned schema, applied at start under an advisory lock so that many nodes starting together
/// migrate once. Never edit a shipped migration; append a new one.
///
/// Two job tables: `queue_jobs` holds only queued and running jobs (small, hot, vacuumed often),
/// finished jobs move to the append-mostly `queue_finished`; `queue_keys` keeps idempotency keys
/// unique across both.
enum PostgresMigrations {
    static let all: [(version: Int, sql: [String])] = [
        (1, [
            """
            CREATE TABLE queue_jobs (
                id uuid PRIMARY KEY,
                idempotency_key text,
                priority text NOT NULL,
                state text NOT NULL,
                payload bytea NOT NULL,
                metadata text NOT NULL,
                attempts bigint NOT NULL,
                max_attempts bigint NOT NULL,
                lease_token bigint NOT NULL,
                lease_expires_at bigint,
                run_at bigint NOT NULL,
                sort_key bigint NOT NULL,
                error_code text,
                error_message text,
                result bytea,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                started_at bigint,
                finished_at bigint
            ) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                    autovacuum_vacuum_cost_delay = 0)
            """,
            "CREATE INDEX queue_jobs_ready ON queue_jobs (sort_key) WHERE state = 'queued'",
            "CREATE INDEX queue_jobs_due ON queue_jobs (run_at) WHERE state = 'queued'",
            "CREATE INDEX queue_jobs_leases ON queue_jobs (lease_expires_at) WHERE state = 'running'",
            "CREATE TABLE queue_finished (LIKE queue_jobs, PRIMARY KEY (id))",
            "CREATE INDEX queue_finished_at ON queue_finished (finished_at)",
            "CREATE INDEX queue_finished_state ON queue_finished (state)",
            "CREATE TABLE queue_keys (key text PRIMARY KEY, job_id uuid NOT NULL, created_at bigint NOT NULL)",
            "CREATE INDEX queue_keys_job ON queue_keys (job_id)",
        ]),
        // Batch progress counts (`stateCounts(batch:)`): one grouped count from an index per table.
        (2, [
            "CREATE INDEX queue_jobs_batch ON queue_jobs ((metadata::jsonb ->> 'batch'), state) WHERE (metadata::jsonb ->> 'batch') IS NOT NULL",
            "CREATE INDEX queue_finished_batch ON queue_finished ((metadata::jsonb ->> 'batch'), state) WHERE (metadata::jsonb ->> 'batch') IS NOT NULL",
        ]),
    ]

    static func apply(client: PostgresClient, schema: String, logger: Logger) async throws {
        let quoted = PostgresJobQueue.quoteIdentifier(schema)
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7461029)", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(quoted)"), logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS queue_schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM queue_schema_migrations", logger: logger)
                .decode(Int.self) {
                applied.insert(version)
            }
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO queue_schema_migrations (version) VALUES (\(migration.version))",
                                           logger: logger)
            }
        }
    }
}
