import Foundation

/// What a client submits. Payload and metadata are opaque to the queue (the payload typically names
/// a stored recording by its digest); the queue never interprets them.
public struct JobRequest: Sendable, Hashable {
    public var payload: Data
    public var metadata: [String: String]
    public var priority: JobPriority
    /// Submitting again with the same key returns the existing job instead of making a second one.
    public var idempotencyKey: String?
    /// Not before this time (delayed start); nil = now.
    public var runAt: QueueTime?
    /// nil = `QueueConfiguration.defaultMaxAttempts`.
    public var maxAttempts: Int?
    /// The metadata key that names a job's batch: jobs sharing its value are counted together by
    /// `JobQueue.stateCounts(batch:)` (both backends index it).
    public static let batchMetadataKey = "batch"

    public init(payload: Data, metadata: [String: String] = [:], priority: JobPriority = .interactive,
                idempotencyKey: String? = nil, runAt: QueueTime? = nil, maxAttempts: Int? = nil) {
        self.payload = payload
        self.metadata = metadata
        self.priority = priority
        self.idempotencyKey = idempotencyKey
        self.runAt = runAt
        self.maxAttempts = maxAttempts
    }
}
