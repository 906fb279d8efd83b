import Foundation

/// One recording of a batch, named by the operator's own id (a candidate number, say). Uploading the same
/// item id again returns this item: an interrupted upload run can simply be started again.
public struct BatchItem: Codable, Sendable, Equatable {
    public var batchID: String
    public var itemID: String
    public var jobID: String
    /// SHA-256 of the uploaded bytes: its name in the recording store.
    public var recording: String
    public var durationSeconds: Double
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", itemID = "item", jobID = "job_id", recording, durationSeconds = "duration_s"
        case createdAt = "created_at"
    }

    public init(batchID: String, itemID: String, jobID: String, recording: String, durationSeconds: Double,
                createdAt: Date = Date()) {
        self.batchID = batchID
        self.itemID = itemID
        self.jobID = jobID
        self.recording = recording
        self.durationSeconds = durationSeconds
        self.createdAt = createdAt
    }

    /// Operators' item ids end up in file names and CSV cells: letters, digits, `.`, `_`, `-`; 1 to 128 characters.
    public static func isValidID(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || [45, 46, 95].contains($0) }
    }
}
