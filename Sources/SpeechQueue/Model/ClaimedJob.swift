import Foundation

/// A job handed to a worker: its lease plus what the worker needs to run it.
public struct ClaimedJob: Sendable, Hashable {
    public var lease: Lease
    public let payload: Data
    public let metadata: [String: String]
    public let priority: JobPriority
    /// 1 on the first run; compare with `maxAttempts` to know whether a failure will be retried.
    public let attempt: Int
    public let maxAttempts: Int
    public var jobID: JobID { lease.jobID }

    public init(lease: Lease, payload: Data, metadata: [String: String], priority: JobPriority,
                attempt: Int, maxAttempts: Int) {
        self.lease = lease
        self.payload = payload
        self.metadata = metadata
        self.priority = priority
        self.attempt = attempt
        self.maxAttempts = maxAttempts
    }
}
