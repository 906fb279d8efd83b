import Foundation

/// What a backend provides so the lease transitions (heartbeat, complete, fail, release) are written once,
/// here, over the shared `JobLifecycle`: a way to apply one transition to each leased job in a single
/// transaction, and the wake-ups to send afterwards. Both backends conform; a third would too.
public protocol LeaseTransitions: JobQueue {
    var lifecycle: JobLifecycle { get }

    /// Loads each job, applies `transition`, writes the changed ones back, all in one transaction; a refused
    /// transition (stale token, wrong state) is reported for that job and does not abort the others.
    func applyToLeases<Accepted: Sendable>(
        _ items: [(JobID, LeaseToken)],
        _ transition: @escaping @Sendable (inout JobRecord, LeaseToken, QueueTime) throws(QueueError) -> Accepted
    ) async throws(QueueError) -> BatchOutcome<Accepted>

    /// Jobs finished (succeeded, failed, dead): wake whoever waits for a result.
    func jobsFinished()
    /// Jobs went back to the queue: wake idle workers, here and on other machines.
    func jobsReturned()
}

extension LeaseTransitions {
    public func heartbeat(_ leases: [Lease]) async throws(QueueError) -> BatchOutcome<Lease> {
        let lifecycle = lifecycle
        return try await applyToLeases(leases.map { ($0.jobID, $0.token) }) { job, token, now throws(QueueError) in
            try lifecycle.heartbeat(&job, token: token, now: now)
        }
    }

    public func complete(_ completions: [JobCompletion]) async throws(QueueError) -> BatchOutcome<JobID> {
        let lifecycle = lifecycle
        let results = Dictionary(completions.map { ($0.lease.jobID, $0.result) }, uniquingKeysWith: { first, _ in first })
        let outcome = try await applyToLeases(completions.map { ($0.lease.jobID, $0.lease.token) }) {
            job, token, now throws(QueueError) in
            try lifecycle.complete(&job, token: token, result: results[job.id]!, now: now)
            return job.id
        }
        if !outcome.accepted.isEmpty { jobsFinished() }
        return outcome
    }

    public func fail(_ failures: [JobFailure]) async throws(QueueError) -> BatchOutcome<JobID> {
        let lifecycle = lifecycle
        let byID = Dictionary(failures.map { ($0.lease.jobID, $0) }, uniquingKeysWith: { first, _ in first })
        let outcome = try await applyToLeases(failures.map { ($0.lease.jobID, $0.lease.token) }) {
            job, token, now throws(QueueError) in
            let failure = byID[job.id]!
            try lifecycle.fail(&job, token: token, error: failure.error, retryable: failure.retryable, now: now,
                               jitterUnit: Double.random(in: 0..<1))
            return job.id
        }
        if !outcome.accepted.isEmpty { jobsFinished() }
        return outcome
    }

    public func release(_ leases: [Lease]) async throws(QueueError) -> BatchOutcome<JobID> {
        let lifecycle = lifecycle
        let outcome = try await applyToLeases(leases.map { ($0.jobID, $0.token) }) { job, token, now throws(QueueError) in
            try lifecycle.release(&job, token: token, now: now)
            return job.id
        }
        if !outcome.accepted.isEmpty { jobsReturned() }
        return outcome
    }
}
