import Logging
import PostgresNIO

/// The service's tables in PostgreSQL, versioned in `school_schema_versions`; applied at start under a
/// transaction-scoped advisory lock.
enum PostgresSchoolSchema {
    static let lockKey: Int64 = 0x5370_6B77_6C6C_0001

    static let migrations: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE IF NOT EXISTS school_users (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS school_tokens (
                hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES school_users(id),
                label TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS school_classes (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, teacher_id TEXT NOT NULL REFERENCES school_users(id),
                created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS school_classes_teacher ON school_classes(teacher_id)",
            """
            CREATE TABLE IF NOT EXISTS school_enrollments (
                class_id TEXT NOT NULL REFERENCES school_classes(id), student_id TEXT NOT NULL REFERENCES school_users(id),
                PRIMARY KEY (class_id, student_id))
            """,
            "CREATE INDEX IF NOT EXISTS school_enrollments_student ON school_enrollments(student_id)",
            """
            CREATE TABLE IF NOT EXISTS school_exercises (
                id TEXT PRIMARY KEY, class_id TEXT NOT NULL REFERENCES school_classes(id), title TEXT NOT NULL,
                prompt_text TEXT NOT NULL, references_json TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS school_exercises_class ON school_exercises(class_id)",
            """
            CREATE TABLE IF NOT EXISTS school_submissions (
                id TEXT PRIMARY KEY, exercise_id TEXT NOT NULL, class_id TEXT NOT NULL, student_id TEXT NOT NULL,
                job_id TEXT, recording TEXT NOT NULL, content_type TEXT NOT NULL, duration_s DOUBLE PRECISION NOT NULL,
                client_key TEXT, created_at DOUBLE PRECISION NOT NULL, UNIQUE (student_id, client_key))
            """,
            "CREATE INDEX IF NOT EXISTS school_submissions_class ON school_submissions(class_id, created_at)",
            "CREATE INDEX IF NOT EXISTS school_submissions_student ON school_submissions(student_id, created_at)",
            "CREATE INDEX IF NOT EXISTS school_submissions_pending ON school_submissions(created_at) WHERE job_id IS NULL",
        ]),
        (2, [
            """
            CREATE TABLE IF NOT EXISTS school_batches (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, exercise_id TEXT NOT NULL,
                operator_id TEXT NOT NULL REFERENCES school_users(id), created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS school_batches_operator ON school_batches(operator_id, created_at)",
            """
            CREATE TABLE IF NOT EXISTS school_batch_items (
                batch_id TEXT NOT NULL REFERENCES school_batches(id), item_id TEXT NOT NULL, job_id TEXT NOT NULL,
                recording TEXT NOT NULL, duration_s DOUBLE PRECISION NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (batch_id, item_id))
            """,
        ]),
        // The upload sequence of batch items (the results cursor). Rows that exist already are numbered in
        // storage order, which is upload order for a table that only ever had inserts.
        (3, [
            "ALTER TABLE school_batch_items ADD COLUMN IF NOT EXISTS sequence BIGSERIAL",
            "CREATE INDEX IF NOT EXISTS school_batch_items_sequence ON school_batch_items(batch_id, sequence)",
        ]),
    ]

    static func apply(client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS school_schema_versions (version INTEGER PRIMARY KEY)", logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM school_schema_versions", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO school_schema_versions (version) VALUES (\(migration.version))", logger: logger)
            }
        }
    }
}
