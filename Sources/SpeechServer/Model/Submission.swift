import Foundation

/// A student's recording for an exercise. Its analysis is a queue job (`jobID`); state and result
/// live with the job.
public struct Submission: Codable, Sendable, Equatable {
    public var id: String
    public var exerciseID: String
    public var classID: String
    public var studentID: String
    /// The analysis job; nil only in the instant between storing the submission and enqueueing it.
    public var jobID: String?
    /// SHA-256 of the uploaded bytes: its name in the recording store.
    public var recording: String
    public var contentType: String
    public var durationSeconds: Double
    /// The client's `Idempotency-Key`: uploading again with the same key returns this submission.
    public var clientKey: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, exerciseID = "exercise_id", classID = "class_id", studentID = "student_id", jobID = "job_id"
        case recording, contentType = "content_type", durationSeconds = "duration_s", clientKey = "client_key"
        case createdAt = "created_at"
    }

    public init(id: String = Identifier.make(), exerciseID: String, classID: String, studentID: String,
                jobID: String? = nil, recording: String, contentType: String, durationSeconds: Double,
                clientKey: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.exerciseID = exerciseID
        self.classID = classID
        self.studentID = studentID
        self.jobID = jobID
        self.recording = recording
        self.contentType = contentType
        self.durationSeconds = durationSeconds
        self.clientKey = clientKey
        self.createdAt = createdAt
    }
}
