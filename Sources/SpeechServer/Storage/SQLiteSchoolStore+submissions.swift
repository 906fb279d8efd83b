import Foundation
import GRDB

extension SQLiteSchoolStore {
    public func insertSubmission(_ submission: Submission) async throws -> Submission {
        try await pool.write { db in
            if let key = submission.clientKey,
               let existing = try Row.fetchOne(db, sql: "SELECT * FROM school_submissions WHERE student_id = ? AND client_key = ?",
                                               arguments: [submission.studentID, key]) {
                return Self.submission(from: existing)
            }
            try db.execute(sql: """
                INSERT INTO school_submissions (id, exercise_id, class_id, student_id, job_id, recording, content_type,
                    duration_s, client_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [submission.id, submission.exerciseID, submission.classID, submission.studentID,
                                 submission.jobID, submission.recording, submission.contentType,
                                 submission.durationSeconds, submission.clientKey,
                                 submission.createdAt.timeIntervalSince1970])
            return submission
        }
    }

    public func setJob(submissionID: String, jobID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE school_submissions SET job_id = ? WHERE id = ?", arguments: [jobID, submissionID])
        }
    }

    public func submission(id: String) async throws -> Submission? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM school_submissions WHERE id = ?", arguments: [id]).map(Self.submission(from:))
        }
    }

    public func submissions(classID: String) async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM school_submissions WHERE class_id = ? ORDER BY created_at DESC, id",
                             arguments: [classID]).map(Self.submission(from:))
        }
    }

    public func submissions(studentID: String) async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM school_submissions WHERE student_id = ? ORDER BY created_at DESC, id",
                             arguments: [studentID]).map(Self.submission(from:))
        }
    }

    public func submissionsWithoutJob() async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM school_submissions WHERE job_id IS NULL ORDER BY created_at")
                .map(Self.submission(from:))
        }
    }

    static func submission(from row: Row) -> Submission {
        Submission(id: row["id"], exerciseID: row["exercise_id"], classID: row["class_id"], studentID: row["student_id"],
                   jobID: row["job_id"], recording: row["recording"], contentType: row["content_type"],
                   durationSeconds: row["duration_s"], clientKey: row["client_key"],
                   createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
