import Foundation

/// The queue's source of "now". Injected so tests can move time instead of sleeping
/// (lease expiry, backoff, run_at, aging, retention).
///
/// On PostgreSQL with many machines the machines' clocks must agree to well within a lease
/// (NTP does that); a skewed clock can only cause an early re-delivery, never a double result,
/// because fencing tokens decide which run's result is kept.
public protocol QueueClock: Sendable {
    func now() -> QueueTime
}

/// Wall-clock time from the operating system.
public struct SystemQueueClock: QueueClock {
    public init() {}
    public func now() -> QueueTime { QueueTime(Date()) }
}
