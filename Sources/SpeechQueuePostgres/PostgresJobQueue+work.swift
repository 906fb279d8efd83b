import Foundation
import PostgresNIO
import SpeechQueue

/// The worker pool's side: claims, heartbeats, completions, failures, hand-backs, wake-ups.
extension PostgresJobQueue {
    public func claim(limit: Int) async throws(QueueError) -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let logger = logger
        let sweep = expirySweep.shouldSweep(now: now)
        let (claimed, died) = try await transaction { connection in
            // A claim lost in a server crash only means the job is still queued: re-delivered, nothing lost.
            // So its commit need not wait for the WAL flush (completions still do).
            try await connection.query("SET LOCAL synchronous_commit = off", logger: logger)
            let died = sweep ? try await Self.expireLapsed(on: connection, lifecycle: lifecycle, now: now, logger: logger) : 0
            var jobs: [JobRecord] = []
            for try await row in try await connection.query("""
                SELECT \(unescaped: PostgresJobRow.columns) FROM queue_jobs
                WHERE state = 'queued' AND run_at <= \(now.microseconds)
                ORDER BY sort_key LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """, logger: logger) {
                jobs.append(try PostgresJobRow.decode(row))
            }
            var claimed: [ClaimedJob] = []
            for index in jobs.indices { claimed.append(try lifecycle.claim(&jobs[index], now: now)) }
            try await PostgresJobRow.writeBack(jobs, on: connection, logger: logger)
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
        notifier.jobsAdded()
    }

    public func waitForWork(timeout: Duration) async {
        await workSignal.wait(timeout: min(timeout, configuration.pollInterval))
    }

    /// Locks the jobs, applies one lifecycle transition to each and writes the changed ones back, in one
    /// transaction; a refused transition is reported for that job and does not abort the others.
    public func applyToLeases<Accepted: Sendable>(
        _ items: [(JobID, LeaseToken)],
        _ transition: @escaping @Sendable (inout JobRecord, LeaseToken, QueueTime) throws(QueueError) -> Accepted
    ) async throws(QueueError) -> BatchOutcome<Accepted> {
        guard !items.isEmpty else { return BatchOutcome() }
        let now = configuration.clock.now()
        let logger = logger
        return try await transaction { connection in
            let found = try await PostgresJobRow.lock(items.map(\.0), on: connection, logger: logger)
            var outcome = BatchOutcome<Accepted>()
            var changed: [JobRecord] = []
            for (id, token) in items {
                guard var job = found[id] else {
                    outcome.refused[id] = .notFound(id)
                    continue
                }
                let before = job
                do {
                    outcome.accepted.append(try transition(&job, token, now))
                    if job != before { changed.append(job) }
                } catch let error as QueueError {
                    outcome.refused[id] = error
                }
            }
            try await PostgresJobRow.writeBack(changed, on: connection, logger: logger)
            return outcome
        }
    }

    /// Re-queues or kills running jobs whose lease lapsed (skipping rows other nodes are handling);
    /// returns how many ended dead.
    static func expireLapsed(on connection: PostgresConnection, lifecycle: JobLifecycle, now: QueueTime,
                             logger: Logger) async throws -> Int {
        var jobs: [JobRecord] = []
        for try await row in try await connection.query("""
            SELECT \(unescaped: PostgresJobRow.columns) FROM queue_jobs
            WHERE state = 'running' AND lease_expires_at <= \(now.microseconds)
            ORDER BY lease_expires_at LIMIT 500 FOR UPDATE SKIP LOCKED
            """, logger: logger) {
            jobs.append(try PostgresJobRow.decode(row))
        }
        for index in jobs.indices { lifecycle.expireLease(&jobs[index], now: now) }
        try await PostgresJobRow.writeBack(jobs, on: connection, logger: logger)
        return jobs.count(where: { $0.state == .dead })
    }
}
