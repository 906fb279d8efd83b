import Foundation
import GRDB
import SpeechQueue

/// Submitting and following jobs (the HTTP server's side).
extension SQLiteJobQueue {
    public func enqueue(_ requests: [JobRequest]) async throws(QueueError) -> [EnqueueReceipt] {
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let jobs = try requests.map { request throws(QueueError) in try lifecycle.makeJob(request, now: now) }
        let receipts = try await immediate { db in
            var byKey: [String: JobID] = [:]
            let lookup = try db.cachedStatement(sql: "SELECT id FROM queue_jobs WHERE idempotency_key = ?")
            return try jobs.map { job -> EnqueueReceipt in
                if let key = job.idempotencyKey {
                    if let existing = byKey[key] { return EnqueueReceipt(jobID: existing, created: false) }
                    if let existing = try UUID.fetchOne(lookup, arguments: [key]) {
                        byKey[key] = JobID(existing)
                        return EnqueueReceipt(jobID: JobID(existing), created: false)
                    }
                    byKey[key] = job.id
                }
                try SQLiteJobRow.insert(job, db)
                return EnqueueReceipt(jobID: job.id, created: true)
            }
        }
        if receipts.contains(where: \.created) { workSignal.signal() }
        return receipts
    }

    public func job(_ id: JobID) async throws(QueueError) -> JobRecord? {
        try await read { db in try SQLiteJobRow.fetch(id, db) }
    }

    public func jobs(_ ids: [JobID]) async throws(QueueError) -> [JobID: JobRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            var found: [JobID: JobRecord] = [:]
            for part in SQLiteJobRow.chunks(of: ids) {
                for row in try Row.fetchAll(db, sql: "SELECT \(SQLiteJobRow.columns) FROM queue_jobs WHERE id IN (\(part.placeholders))",
                                            arguments: part.arguments) {
                    let job = try SQLiteJobRow.decode(row)
                    found[job.id] = job
                }
            }
            return found
        }
    }

    public func states(of ids: [JobID]) async throws(QueueError) -> [JobID: JobState] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            var found: [JobID: JobState] = [:]
            for part in SQLiteJobRow.chunks(of: ids) {
                for row in try Row.fetchAll(db, sql: "SELECT id, state FROM queue_jobs WHERE id IN (\(part.placeholders))",
                                            arguments: part.arguments) {
                    guard let state = JobState(rawValue: row[1]) else {
                        throw QueueError.migration("queue_jobs row has an unknown state; was it written by a newer version?")
                    }
                    found[JobID(row[0] as UUID)] = state
                }
            }
            return found
        }
    }

    public func stateCounts(batch: String) async throws(QueueError) -> [JobState: Int] {
        try await read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT state, count(*) FROM queue_jobs WHERE json_extract(metadata, '$.batch') = ? GROUP BY state
                """, arguments: [batch]) {
                guard let state = JobState(rawValue: row[0]) else {
                    throw QueueError.migration("queue_jobs row has an unknown state; was it written by a newer version?")
                }
                counts[state] = row[1]
            }
            return counts
        }
    }

    public func cancel(_ id: JobID) async throws(QueueError) -> JobRecord {
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let record = try await immediate { db in
            guard var job = try SQLiteJobRow.fetch(id, db) else { throw QueueError.notFound(id) }
            try lifecycle.cancel(&job, now: now)
            try SQLiteJobRow.update(job, db)
            return job
        }
        finishSignal.signal()
        return record
    }

    public func waitForFinish(_ id: JobID, timeout: Duration) async throws(QueueError) -> JobRecord? {
        try await FinishWaiter(finished: finishSignal).wait(
            for: id, timeout: timeout, pollInterval: configuration.finishPollInterval
        ) { id throws(QueueError) in try await self.job(id) }
    }

    public func stats() async throws(QueueError) -> QueueStats {
        let now = configuration.clock.now()
        return try await read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM queue_jobs GROUP BY state") {
                if let state = JobState(rawValue: row[0]) { counts[state] = row[1] }
            }
            let oldest = try Int64.fetchOne(
                db, sql: "SELECT min(run_at) FROM queue_jobs WHERE state = 'queued' AND run_at <= ?",
                arguments: [now.microseconds])
            return QueueStats(counts: counts, oldestQueuedAge: oldest.map { now - QueueTime(microseconds: $0) })
        }
    }
}
