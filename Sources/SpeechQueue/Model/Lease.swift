/// A worker's right to run one job until `expiresAt`; renewed by heartbeats.
/// Every completion, failure and heartbeat hands it back so the queue can check the token.
public struct Lease: Hashable, Sendable, Codable {
    public let jobID: JobID
    public let token: LeaseToken
    public var expiresAt: QueueTime
    public init(jobID: JobID, token: LeaseToken, expiresAt: QueueTime) {
        self.jobID = jobID
        self.token = token
        self.expiresAt = expiresAt
    }
}
