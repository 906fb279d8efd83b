import Foundation

/// A point in time as whole microseconds since the Unix epoch: exactly what both databases store,
/// so a value read back compares equal to the value written.
public struct QueueTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var microseconds: Int64
    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(_ date: Date) { microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }
    public var description: String { date.formatted(.iso8601) }

    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }
    public static func + (t: Self, d: Duration) -> Self { .init(microseconds: t.microseconds + d.wholeMicroseconds) }
    public static func - (t: Self, d: Duration) -> Self { .init(microseconds: t.microseconds - d.wholeMicroseconds) }
    public static func - (a: Self, b: Self) -> Duration { .microseconds(a.microseconds - b.microseconds) }
}

extension Duration {
    /// Whole microseconds, truncated; the queue's time resolution.
    public var wholeMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
    /// Seconds as a floating-point number, for printing and for scaling.
    public var seconds: Double { Double(wholeMicroseconds) / 1_000_000 }
}
