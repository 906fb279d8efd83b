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

    public func jobsFinished() {
        finishSignal.signal()
    }

    public func jobsReturned() {
        workSignal.signal()
    }

    public func waitForWork(timeout: Duration) async {
        await workSignal.wait(timeout: min(timeout, configuration.pollInterval))
    }

    /// Loads each job, applies one lifecycle transition, and writes it back, all in one transaction;
    /// a refused transition is reported for that job and does not abort the others.
    public func applyToLeases<Accepted: Sendable>(
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
