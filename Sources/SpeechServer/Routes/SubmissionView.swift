import Foundation
import SpeechQueue

/// `GET /api/v1/submissions/{id}`: the submission and where its analysis is.
struct SubmissionView: Encodable {
    struct ErrorView: Encodable {
        let code: String
        let message: String
    }

    struct Links: Encodable {
        let result: String
        let recording: String
        let report: String
        let textgrid: String
    }

    let id: String
    let exerciseID: String
    let classID: String
    let studentID: String
    let createdAt: Date
    let durationSeconds: Double
    let jobID: String?
    /// queued, running, succeeded, failed, dead, cancelled; `pruned` once the result passed retention.
    let state: String
    let attempts: Int
    let error: ErrorView?
    let links: Links

    enum CodingKeys: String, CodingKey {
        case id, exerciseID = "exercise_id", classID = "class_id", studentID = "student_id", createdAt = "created_at"
        case durationSeconds = "duration_s", jobID = "job_id", state, attempts, error, links
    }

    init(_ submission: Submission, job: JobRecord?) {
        id = submission.id
        exerciseID = submission.exerciseID
        classID = submission.classID
        studentID = submission.studentID
        createdAt = submission.createdAt
        durationSeconds = submission.durationSeconds
        jobID = submission.jobID
        state = job?.state.rawValue ?? (submission.jobID == nil ? "queued" : "pruned")
        attempts = job?.attempts ?? 0
        error = job?.lastError.flatMap { job?.state == .succeeded ? nil : ErrorView(code: $0.code, message: $0.message) }
        links = Links(result: "/api/v1/submissions/\(submission.id)/result",
                      recording: "/api/v1/submissions/\(submission.id)/recording",
                      report: "/submissions/\(submission.id)/report",
                      textgrid: "/api/v1/submissions/\(submission.id)/textgrid")
    }
}
