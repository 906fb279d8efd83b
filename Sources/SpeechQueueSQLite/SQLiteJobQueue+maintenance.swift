import Foundation
import GRDB
import SpeechQueue

/// Lease sweeping and retention.
extension SQLiteJobQueue {
    public func expireLapsedLeases() async throws(QueueError) -> Int {
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let (expired, died) = try await immediate { db in
            let before = db.totalChangesCount
            let died = try Self.expireLapsed(db, lifecycle: lifecycle, now: now)
            return (db.totalChangesCount - before, died)
        }
        if died > 0 { finishSignal.signal() }
        if expired > died { workSignal.signal() }
        return expired
    }

    /// Deletes in chunks so that a large prune never holds the write lock for long.
    public func prune(finishedBefore cutoff: QueueTime) async throws(QueueError) -> Int {
        var total = 0
        while true {
            let deleted = try await immediate { db in
                try db.execute(sql: """
                    DELETE FROM queue_jobs WHERE rowid IN (
                        SELECT rowid FROM queue_jobs WHERE finished_at IS NOT NULL AND finished_at < ? LIMIT 5000)
                    """, arguments: [cutoff.microseconds])
                return db.changesCount
            }
            total += deleted
            if deleted < 5000 { return total }
        }
    }
}
