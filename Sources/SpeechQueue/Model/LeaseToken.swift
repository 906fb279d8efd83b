/// The fencing token of one lease: the job's claim count at the moment it was claimed.
///
/// It only ever grows (a hand-back does not lower it), so a worker holding an old token can never
/// complete, fail or heartbeat a job that has since been claimed again.
public struct LeaseToken: Hashable, Comparable, Sendable, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// The token of a job that was never claimed.
    public static let none = LeaseToken(rawValue: 0)
    public var next: LeaseToken { .init(rawValue: rawValue + 1) }
}
