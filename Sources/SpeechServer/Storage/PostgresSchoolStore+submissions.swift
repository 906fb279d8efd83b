import Foundation
import PostgresNIO

extension PostgresSchoolStore {
    private static let columns = "id, exercise_id, class_id, student_id, job_id, recording, content_type, duration_s, client_key, created_at"

    public func insertSubmission(_ submission: Submission) async throws -> Submission {
        let inserted = try await submissions(client.query("""
            INSERT INTO school_submissions (\(unescaped: Self.columns))
            VALUES (\(submission.id), \(submission.exerciseID), \(submission.classID), \(submission.studentID),
                    \(submission.jobID), \(submission.recording), \(submission.contentType), \(submission.durationSeconds),
                    \(submission.clientKey), \(submission.createdAt.timeIntervalSince1970))
            ON CONFLICT (student_id, client_key) DO NOTHING
            RETURNING \(unescaped: Self.columns)
            """, logger: logger))
        if let first = inserted.first { return first }
        // The student already sent this client key: return that submission.
        let existing = try await submissions(client.query("""
            SELECT \(unescaped: Self.columns) FROM school_submissions
            WHERE student_id = \(submission.studentID) AND client_key = \(submission.clientKey)
            """, logger: logger))
        guard let first = existing.first else { throw DatabaseLocationError(text: "submission insert found neither new nor existing row") }
        return first
    }

    public func setJob(submissionID: String, jobID: String) async throws {
        try await client.query("UPDATE school_submissions SET job_id = \(jobID) WHERE id = \(submissionID)", logger: logger)
    }

    public func submission(id: String) async throws -> Submission? {
        try await submissions(client.query(
            "SELECT \(unescaped: Self.columns) FROM school_submissions WHERE id = \(id)", logger: logger)).first
    }

    public func submissions(classID: String) async throws -> [Submission] {
        try await submissions(client.query(
            "SELECT \(unescaped: Self.columns) FROM school_submissions WHERE class_id = \(classID) ORDER BY created_at DESC, id",
            logger: logger))
    }

    public func submissions(studentID: String) async throws -> [Submission] {
        try await submissions(client.query(
            "SELECT \(unescaped: Self.columns) FROM school_submissions WHERE student_id = \(studentID) ORDER BY created_at DESC, id",
            logger: logger))
    }

    public func submissionsWithoutJob() async throws -> [Submission] {
        try await submissions(client.query(
            "SELECT \(unescaped: Self.columns) FROM school_submissions WHERE job_id IS NULL ORDER BY created_at", logger: logger))
    }

    private func submissions(_ rows: PostgresRowSequence) async throws -> [Submission] {
        var submissions: [Submission] = []
        typealias Row = (String, String, String, String, String?, String, String, Double, String?, Double)
        for try await (id, exercise, schoolClass, student, job, recording, type, duration, key, created) in rows.decode(Row.self) {
            submissions.append(Submission(id: id, exerciseID: exercise, classID: schoolClass, studentID: student, jobID: job,
                                          recording: recording, contentType: type, durationSeconds: duration, clientKey: key,
                                          createdAt: Date(timeIntervalSince1970: created)))
        }
        return submissions
    }
}
