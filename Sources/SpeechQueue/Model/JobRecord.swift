import Foundation

/// Everything the queue knows about one job: one row in either database.
///
/// Only `JobLifecycle` changes a record, so both backends agree on what every transition means.
public struct JobRecord: Sendable, Hashable {
    public let id: JobID
    public let idempotencyKey: String?
    public let priority: JobPriority
    public internal(set) var state: JobState
    public let payload: Data
    public let metadata: [String: String]
    /// Runs that counted against `maxAttempts` (a hand-back on shutdown does not count).
    public internal(set) var attempts: Int
    public let maxAttempts: Int
    /// The token of the latest lease; grows by one per claim, never shrinks.
    public internal(set) var leaseToken: LeaseToken
    public internal(set) var leaseExpiresAt: QueueTime?
    /// Not started before this time: the requested delay, or the retry backoff.
    public internal(set) var runAt: QueueTime
    /// Claim order: `runAt` minus the priority's head start (smaller first). Stored so an index serves claims.
    public internal(set) var sortKey: Int64
    public internal(set) var lastError: JobErrorInfo?
    public internal(set) var result: Data?
    public let createdAt: QueueTime
    public internal(set) var updatedAt: QueueTime
    public internal(set) var startedAt: QueueTime?
    public internal(set) var finishedAt: QueueTime?

    /// Rebuilds a record from storage; only backends call this.
    public init(id: JobID, idempotencyKey: String?, priority: JobPriority, state: JobState, payload: Data,
                metadata: [String: String], attempts: Int, maxAttempts: Int, leaseToken: LeaseToken,
                leaseExpiresAt: QueueTime?, runAt: QueueTime, sortKey: Int64, lastError: JobErrorInfo?,
                result: Data?, createdAt: QueueTime, updatedAt: QueueTime, startedAt: QueueTime?,
                finishedAt: QueueTime?) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.priority = priority
        self.state = state
        self.payload = payload
        self.metadata = metadata
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.leaseToken = leaseToken
        self.leaseExpiresAt = leaseExpiresAt
        self.runAt = runAt
        self.sortKey = sortKey
        self.lastError = lastError
        self.result = result
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    /// The current lease while running; nil otherwise.
    public var lease: Lease? {
        guard state == .running, let leaseExpiresAt else { return nil }
        return Lease(jobID: id, token: leaseToken, expiresAt: leaseExpiresAt)
    }
}
