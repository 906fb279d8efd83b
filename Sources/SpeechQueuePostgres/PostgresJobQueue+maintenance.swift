import Foundation
import PostgresNIO
import SpeechQueue

/// Lease sweeping and retention.
extension PostgresJobQueue {
    public func expireLapsedLeases() async throws(QueueError) -> Int {
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let logger = logger
        let (expired, died) = try await transaction { connection in
            var total = 0, died = 0
            while true {
                var jobs: [JobRecord] = []
                for try await row in try await connection.query("""
                    SELECT \(unescaped: PostgresJobRow.columns) FROM queue_jobs
                    WHERE state = 'running' AND lease_expires_at <= \(now.microseconds)
                    LIMIT 500 FOR UPDATE SKIP LOCKED
                    """, logger: logger) {
                    jobs.append(try PostgresJobRow.decode(row))
                }
                if jobs.isEmpty { return (total, died) }
                for index in jobs.indices { lifecycle.expireLease(&jobs[index], now: now) }
                try await PostgresJobRow.writeBack(jobs, on: connection, logger: logger)
                total += jobs.count
                died += jobs.count(where: { $0.state == .dead })
            }
        }
        if died > 0 { finishSignal.signal() }
        if expired > died {
            workSignal.signal()
            notifier.jobsAdded()
        }
        return expired
    }

    /// Deletes finished jobs and their idempotency keys in chunks (short transactions, no long locks).
    public func prune(finishedBefore cutoff: QueueTime) async throws(QueueError) -> Int {
        let logger = logger
        var total = 0
        while true {
            let deleted = try await query { client in
                var count: Int64 = 0
                for try await value in try await client.query("""
                    WITH gone AS (
                        DELETE FROM queue_finished WHERE id IN (
                            SELECT id FROM queue_finished WHERE finished_at < \(cutoff.microseconds) LIMIT 5000)
                        RETURNING id),
                    keys AS (DELETE FROM queue_keys WHERE job_id IN (SELECT id FROM gone))
                    SELECT count(*) FROM gone
                    """, logger: logger).decode(Int64.self) {
                    count = value
                }
                return Int(count)
            }
            total += deleted
            if deleted < 5000 { return total }
        }
    }
}
