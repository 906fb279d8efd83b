import Foundation

/// A clock that moves only when told: for tests and simulations.
public final class ManualQueueClock: QueueClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: QueueTime

    public init(start: QueueTime = QueueTime(microseconds: 1_700_000_000_000_000)) { current = start }

    public func now() -> QueueTime { lock.withLock { current } }
    public func advance(by duration: Duration) { lock.withLock { current = current + duration } }
    public func set(_ time: QueueTime) { lock.withLock { current = time } }
}
