import GRDB

/// Versioned schema of the service's tables in the SQLite file; identifiers start with `school-`
/// so they never collide with the queue's migrations in the same `grdb_migrations` table.
enum SQLiteSchoolSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("school-v1") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS school_users (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE IF NOT EXISTS school_tokens (
                    hash TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL REFERENCES school_users(id),
                    label TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE IF NOT EXISTS school_classes (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,
                    teacher_id TEXT NOT NULL REFERENCES school_users(id), created_at REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS school_classes_teacher ON school_classes(teacher_id);
                CREATE TABLE IF NOT EXISTS school_enrollments (
                    class_id TEXT NOT NULL REFERENCES school_classes(id), student_id TEXT NOT NULL REFERENCES school_users(id),
                    PRIMARY KEY (class_id, student_id));
                CREATE INDEX IF NOT EXISTS school_enrollments_student ON school_enrollments(student_id);
                CREATE TABLE IF NOT EXISTS school_exercises (
                    id TEXT PRIMARY KEY NOT NULL, class_id TEXT NOT NULL REFERENCES school_classes(id),
                    title TEXT NOT NULL, prompt_text TEXT NOT NULL, references_json TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS school_exercises_class ON school_exercises(class_id);
                CREATE TABLE IF NOT EXISTS school_submissions (
                    id TEXT PRIMARY KEY NOT NULL, exercise_id TEXT NOT NULL, class_id TEXT NOT NULL,
                    student_id TEXT NOT NULL, job_id TEXT, recording TEXT NOT NULL, content_type TEXT NOT NULL,
                    duration_s REAL NOT NULL, client_key TEXT, created_at REAL NOT NULL,
                    UNIQUE (student_id, client_key));
                CREATE INDEX IF NOT EXISTS school_submissions_class ON school_submissions(class_id, created_at);
                CREATE INDEX IF NOT EXISTS school_submissions_student ON school_submissions(student_id, created_at);
                CREATE INDEX IF NOT EXISTS school_submissions_pending ON school_submissions(created_at) WHERE job_id IS NULL;
                """)
        }
        migrator.registerMigration("school-v2-batches") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS school_batches (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, exercise_id TEXT NOT NULL,
                    operator_id TEXT NOT NULL REFERENCES school_users(id), created_at REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS school_batches_operator ON school_batches(operator_id, created_at);
                CREATE TABLE IF NOT EXISTS school_batch_items (
                    batch_id TEXT NOT NULL REFERENCES school_batches(id), item_id TEXT NOT NULL, job_id TEXT NOT NULL,
                    recording TEXT NOT NULL, duration_s REAL NOT NULL, created_at REAL NOT NULL,
                    PRIMARY KEY (batch_id, item_id));
                """)
        }
        migrator.registerMigration("school-v3-batch-item-sequence") { db in
            // An index on batch_id alone is ordered by (batch_id, rowid): a results page is an index range.
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS school_batch_items_sequence ON school_batch_items(batch_id)")
        }
        return migrator
    }
}
