/// The last error a job reported (kept when it ends failed or dead): a stable code and a message.
public struct JobErrorInfo: Hashable, Sendable, Codable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
    /// Recorded when a lease ran out without a heartbeat: the worker died or hung.
    public static let leaseExpired = JobErrorInfo(
        code: "lease_expired", message: "the worker stopped heartbeating before the lease ran out (crashed or hung)")
}
