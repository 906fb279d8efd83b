import Foundation
import PostgresNIO
import SpeechQueue

/// Submitting and following jobs (the HTTP server's side).
extension PostgresJobQueue {
    public func enqueue(_ requests: [JobRequest]) async throws(QueueError) -> [EnqueueReceipt] {
        guard !requests.isEmpty else { return [] }
        let now = configuration.clock.now()
        let lifecycle = lifecycle
        let jobs = try requests.map { request throws(QueueError) in try lifecycle.makeJob(request, now: now) }
        let logger = logger
        let receipts: [EnqueueReceipt]
        if jobs.allSatisfy({ $0.idempotencyKey == nil }) {
            // One statement is atomic on its own: no transaction round trips.
            try await query { client in
                try await client.withConnection { connection in
                    try await PostgresJobRow.insert(jobs, on: connection, logger: logger)
                }
            }
            receipts = jobs.map { EnqueueReceipt(jobID: $0.id, created: true) }
        } else {
            receipts = try await transaction { connection in
                try await Self.enqueueWithKeys(jobs, now: now, on: connection, logger: logger)
            }
        }
        if receipts.contains(where: \.created) {
            workSignal.signal()
            notifier.jobsAdded()
        }
        return receipts
    }

    /// Claims each key in `queue_keys` (sorted, so concurrent batches cannot deadlock); a key that is
    /// taken resolves to the job that holds it. A concurrent submit of the same key waits on the unique
    /// index until the first commits, then sees its job: exactly one job per key.
    private static func enqueueWithKeys(_ jobs: [JobRecord], now: QueueTime, on connection: PostgresConnection,
                                        logger: Logger) async throws -> [EnqueueReceipt] {
        var firstForKey: [String: JobID] = [:]
        for job in jobs { if let key = job.idempotencyKey, firstForKey[key] == nil { firstForKey[key] = job.id } }
        let keys = firstForKey.keys.sorted()
        let ids = keys.map { firstForKey[$0]!.uuid }
        var won = Set<String>()
        for try await key in try await connection.query("""
            INSERT INTO queue_keys (key, job_id, created_at)
            SELECT * FROM unnest(\(keys)::text[], \(ids)::uuid[]) AS k(key, job_id), (SELECT \(now.microseconds)::int8) AS t
            ORDER BY key
            ON CONFLICT (key) DO NOTHING RETURNING key
            """, logger: logger).decode(String.self) {
            won.insert(key)
        }
        var existing: [String: JobID] = [:]
        let lost = keys.filter { !won.contains($0) }
        if !lost.isEmpty {
            for try await (key, id) in try await connection.query(
                "SELECT key, job_id FROM queue_keys WHERE key = ANY(\(lost))", logger: logger).decode((String, UUID).self) {
                existing[key] = JobID(id)
            }
        }
        var toInsert: [JobRecord] = []
        let receipts = jobs.map { job -> EnqueueReceipt in
            guard let key = job.idempotencyKey else {
                toInsert.append(job)
                return EnqueueReceipt(jobID: job.id, created: true)
            }
            if let holder = existing[key] { return EnqueueReceipt(jobID: holder, created: false) }
            if firstForKey[key] == job.id {
                toInsert.append(job)
                return EnqueueReceipt(jobID: job.id, created: true)
            }
            return EnqueueReceipt(jobID: firstForKey[key]!, created: false)
        }
        try await PostgresJobRow.insert(toInsert, on: connection, logger: logger)
        return receipts
    }

    public func job(_ id: JobID) async throws(QueueError) -> JobRecord? {
        let logger = logger
        return try await query { client in
            for table in ["queue_jobs", "queue_finished"] {
                for try await row in try await client.query(
                    "SELECT \(unescaped: PostgresJobRow.columns) FROM \(unescaped: table) WHERE id = \(id.uuid)", logger: logger) {
                    return try PostgresJobRow.decode(row)
                }
            }
            return nil
        }
    }

    public func jobs(_ ids: [JobID]) async throws(QueueError) -> [JobID: JobRecord] {
        guard !ids.isEmpty else { return [:] }
        let logger = logger
        return try await query { client in
            var found: [JobID: JobRecord] = [:]
            for start in stride(from: 0, to: ids.count, by: 1000) {
                let uuids = ids[start..<min(ids.count, start + 1000)].map(\.uuid)
                for try await row in try await client.query("""
                    SELECT \(unescaped: PostgresJobRow.columns) FROM queue_jobs WHERE id = ANY(\(uuids))
                    UNION ALL SELECT \(unescaped: PostgresJobRow.columns) FROM queue_finished WHERE id = ANY(\(uuids))
                    """, logger: logger) {
                    let job = try PostgresJobRow.decode(row)
                    found[job.id] = job
                }
            }
            return found
        }
    }

    public func states(of ids: [JobID]) async throws(QueueError) -> [JobID: JobState] {
        guard !ids.isEmpty else { return [:] }
        let logger = logger
        return try await query { client in
            var found: [JobID: JobState] = [:]
            for start in stride(from: 0, to: ids.count, by: 1000) {
                let uuids = ids[start..<min(ids.count, start + 1000)].map(\.uuid)
                for try await row in try await client.query("""
                    SELECT id, state FROM queue_jobs WHERE id = ANY(\(uuids))
                    UNION ALL SELECT id, state FROM queue_finished WHERE id = ANY(\(uuids))
                    """, logger: logger) {
                    let (id, text) = try row.decode((UUID, String).self)
                    guard let state = JobState(rawValue: text) else {
                        throw QueueError.migration("queue row has unknown state '\(text)'; written by a newer version?")
                    }
                    found[JobID(id)] = state
                }
            }
            return found
        }
    }

    public func cancel(_ id: JobID) async throws(QueueError) -> JobRecord {
        let lifecycle = lifecycle
        let now = configuration.clock.now()
        let logger = logger
        let record = try await transaction { connection in
            guard var job = try await PostgresJobRow.lock([id], on: connection, logger: logger)[id] else {
                throw QueueError.notFound(id)
            }
            try lifecycle.cancel(&job, now: now)
            try await PostgresJobRow.writeBack([job], on: connection, logger: logger)
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

    public func stateCounts(batch: String) async throws(QueueError) -> [JobState: Int] {
        let logger = logger
        return try await query { client in
            var counts: [JobState: Int] = [:]
            for try await (state, count) in try await client.query("""
                SELECT state, count(*) FROM queue_jobs WHERE (metadata::jsonb ->> 'batch') = \(batch) GROUP BY state
                UNION ALL SELECT state, count(*) FROM queue_finished WHERE (metadata::jsonb ->> 'batch') = \(batch) GROUP BY state
                """, logger: logger).decode((String, Int64).self) {
                guard let known = JobState(rawValue: state) else {
                    throw QueueError.migration("queue row has unknown state '\(state)'; written by a newer version?")
                }
                counts[known, default: 0] += Int(count)
            }
            return counts
        }
    }

    public func stats() async throws(QueueError) -> QueueStats {
        let now = configuration.clock.now()
        let logger = logger
        return try await query { client in
            var counts: [JobState: Int] = [:]
            for try await (state, count) in try await client.query("""
                SELECT state, count(*) FROM queue_jobs GROUP BY state
                UNION ALL SELECT state, count(*) FROM queue_finished GROUP BY state
                """, logger: logger).decode((String, Int64).self) {
                if let state = JobState(rawValue: state) { counts[state, default: 0] += Int(count) }
            }
            var oldest: Int64?
            for try await value in try await client.query(
                "SELECT min(run_at) FROM queue_jobs WHERE state = 'queued' AND run_at <= \(now.microseconds)",
                logger: logger).decode(Int64?.self) {
                oldest = value
            }
            return QueueStats(counts: counts, oldestQueuedAge: oldest.map { now - QueueTime(microseconds: $0) })
        }
    }
}
