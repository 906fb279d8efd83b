import GRDB

/// Versioned schema of the SQLite queue; GRDB's migrator records applied versions in the file.
///
/// One table: SQLite has no MVCC bloat, so finished jobs stay in place (until pruned) and partial
/// indexes keep claims looking only at queued and running rows.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-jobs") { db in
            try db.execute(sql: """
                CREATE TABLE queue_jobs (
                    id BLOB PRIMARY KEY NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    priority TEXT NOT NULL,
                    state TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    metadata TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    max_attempts INTEGER NOT NULL,
                    lease_token INTEGER NOT NULL,
                    lease_expires_at INTEGER,
                    run_at INTEGER NOT NULL,
                    sort_key INTEGER NOT NULL,
                    error_code TEXT,
                    error_message TEXT,
                    result BLOB,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    started_at INTEGER,
                    finished_at INTEGER
                );
                CREATE INDEX queue_jobs_ready ON queue_jobs (sort_key) WHERE state = 'queued';
                CREATE INDEX queue_jobs_due ON queue_jobs (run_at) WHERE state = 'queued';
                CREATE INDEX queue_jobs_leases ON queue_jobs (lease_expires_at) WHERE state = 'running';
                CREATE INDEX queue_jobs_finished ON queue_jobs (finished_at) WHERE finished_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v2-batch-index") { db in
            // Batch progress counts (`stateCounts(batch:)`); the query repeats this expression to use it.
            try db.execute(sql: """
                CREATE INDEX queue_jobs_batch ON queue_jobs (json_extract(metadata, '$.batch'), state)
                    WHERE json_extract(metadata, '$.batch') IS NOT NULL;
                """)
        }
        return migrator
    }
}
