import Foundation
import GRDB
import SpeechQueue

/// The worker pool's side: claims, heartbeats, completions, failures, hand-backs, wake-ups.
extension SQLiteJobQueue {
    public func claim(limit: Int) async throws(QueueError) -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let (claimed, died) = try await immediate { db in
            let died = try Self.expireLapsed(db, lifecycle: lifecycle, now: now)
            let select = try db.cachedStatement(sql: """
                SELECT \(SQLiteJobRow.columns) FROM queue_jobs
                WHERE state = 'queued' AND run_at <= ? ORDER BY sort_key LIMIT ?
                """)
            var claimed: [ClaimedJob] = []
            for row in try Row.fetchAll(select, arguments: [now.microseconds, limit]) {
                var job = try SQLiteJobRow.decode(row)
                claimed.append(try lifecycle.claim(&job, now: now))
                try SQLiteJobRow.update(job, db)
            }
            return (claimed, died)
        }
        if died > 0 { finishSignal.signal() }
        return claimed
    }

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
        if !outcome.accepted.isEmpty { finishSignal.signal() }
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
        if !outcome.accepted.isEmpty { finishSignal.signal() }
        return outcome
    }

    public func release(_ leases: [Lease]) async throws(QueueError) -> BatchOutcome<JobID> {
        let lifecycle = lifecycle
        let outcome = try await applyToLeases(leases.map { ($0.jobID, $0.token) }) { job, token, now throws(QueueError) in
            try lifecycle.release(&job, token: token, now: now)
            return job.id
        }
        if !outcome.accepted.isEmpty { workSignal.signal() }
        return outcome
    }

    public func waitForWork(timeout: Duration) async {
        await workSignal.wait(timeout: min(timeout, configuration.pollInterval))
    }

    /// Loads each job, applies one lifecycle transition, and writes it back, all in one transaction;
    /// a refused transition is reported for that job and does not abort the others.
    func applyToLeases<Accepted: Sendable>(
        _ items: [(JobID, LeaseToken)],
        _ transition: @escaping @Sendable (inout JobRecord, LeaseToken, QueueTime) throws(QueueError) -> Accepted
    ) async throws(QueueError) -> BatchOutcome<Accepted> {
        guard !items.isEmpty else { return BatchOutcome() }
        let now = configuration.clock.now()
        return try await immediate { db in
            var outcome = BatchOutcome<Accepted>()
            for (id, token) in items {
                guard var job = try SQLiteJobRow.fetch(id, db) else {
                    outcome.refused[id] = .notFound(id)
                    continue
                }
                do {
                    let accepted = try transition(&job, token, now)
                    try SQLiteJobRow.update(job, db)
                    outcome.accepted.append(accepted)
                } catch let error as QueueError {
                    outcome.refused[id] = error
                }
            }
            return outcome
        }
    }

    /// Re-queues or kills running jobs whose lease lapsed; returns how many ended dead.
    static func expireLapsed(_ db: Database, lifecycle: JobLifecycle, now: QueueTime) throws -> Int {
        let select = try db.cachedStatement(sql: """
            SELECT \(SQLiteJobRow.columns) FROM queue_jobs
            WHERE state = 'running' AND lease_expires_at <= ? LIMIT 1000
            """)
        var died = 0
        for row in try Row.fetchAll(select, arguments: [now.microseconds]) {
            var job = try SQLiteJobRow.decode(row)
            if lifecycle.expireLease(&job, now: now) {
                try SQLiteJobRow.update(job, db)
                if job.state == .dead { died += 1 }
            }
        }
        return died
    }
}
