import Foundation
import SpeechQueue

/// Decides whether a claim should first look for lapsed leases: at most once per `interval` of queue
/// time per process. Leases are seconds long, so this costs nothing in promptness and saves a query
/// on most claims. Measured in queue time, so a test that moves its clock gets a sweep at once.
final class ExpirySweepGate: @unchecked Sendable {
    private let interval: Duration
    private let lock = NSLock()
    private var last: QueueTime?

    init(interval: Duration) { self.interval = interval }

    func shouldSweep(now: QueueTime) -> Bool {
        lock.withLock {
            if let last, now - last < interval, now >= last { return false }
            last = now
            return true
        }
    }
}
