import Foundation
import SpeechQueue

/// The leases of the jobs this pool is running right now: the heartbeat renews them, shutdown hands
/// them back, and a job's completion asks here first whether its lease is still ours.
final class InFlightJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var leases: [JobID: Lease] = [:]

    func add(_ lease: Lease) {
        lock.withLock { leases[lease.jobID] = lease }
    }

    var count: Int { lock.withLock { leases.count } }

    func snapshot() -> [Lease] {
        lock.withLock { Array(leases.values) }
    }

    /// Keeps renewed expiry times (the token does not change on a heartbeat).
    func renewed(_ accepted: [Lease]) {
        lock.withLock {
            for lease in accepted where leases[lease.jobID]?.token == lease.token { leases[lease.jobID] = lease }
        }
    }

    /// Forgets jobs whose lease the queue refused (cancelled, or re-leased after a stall): their
    /// result would be refused, so the worker does not offer it.
    func lost(_ ids: some Sequence<JobID>) {
        lock.withLock { for id in ids { leases[id] = nil } }
    }

    /// Removes the job and returns its lease when it is still ours; nil after a hand-back or a refusal.
    func finish(_ id: JobID) -> Lease? {
        lock.withLock { leases.removeValue(forKey: id) }
    }

    /// Removes and returns every lease (shutdown hands them back to the queue).
    func takeAll() -> [Lease] {
        lock.withLock {
            defer { leases.removeAll() }
            return Array(leases.values)
        }
    }

    /// Returns when no job is in flight, or after `timeout`.
    func waitUntilEmpty(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
