import Foundation
import PostgresNIO
import SpeechQueue

/// Mapping between `JobRecord` and rows of `queue_jobs` / `queue_finished`, and the generic
/// "write back what the lifecycle changed" step every transition ends with.
enum PostgresJobRow {
    static let columns = """
        id, idempotency_key, priority, state, payload, metadata, attempts, max_attempts, lease_token, \
        lease_expires_at, run_at, sort_key, error_code, error_message, result, created_at, updated_at, \
        started_at, finished_at
        """

    static func decode(_ row: PostgresRow) throws -> JobRecord {
        let (id, key, priorityText, stateText, payload, metadata, attempts, maxAttempts, token, leaseExpiresAt,
             runAt, sortKey, errorCode, errorMessage, result, createdAt, updatedAt, startedAt, finishedAt)
            = try row.decode((UUID, String?, String, String, ByteBuffer, String, Int64, Int64, Int64, Int64?, Int64,
                              Int64, String?, String?, ByteBuffer?, Int64, Int64, Int64?, Int64?).self)
        guard let priority = JobPriority(rawValue: priorityText), let state = JobState(rawValue: stateText) else {
            throw QueueError.migration("queue row has unknown priority '\(priorityText)' or state '\(stateText)'; written by a newer version?")
        }
        return JobRecord(
            id: JobID(id), idempotencyKey: key, priority: priority, state: state, payload: Data(buffer: payload),
            metadata: try MetadataCoding.decode(metadata), attempts: Int(attempts), maxAttempts: Int(maxAttempts),
            leaseToken: LeaseToken(rawValue: token), leaseExpiresAt: leaseExpiresAt.map(QueueTime.init(microseconds:)),
            runAt: QueueTime(microseconds: runAt), sortKey: sortKey,
            lastError: errorCode.map { JobErrorInfo(code: $0, message: errorMessage ?? "") },
            result: result.map { Data(buffer: $0) }, createdAt: QueueTime(microseconds: createdAt),
            updatedAt: QueueTime(microseconds: updatedAt), startedAt: startedAt.map(QueueTime.init(microseconds:)),
            finishedAt: finishedAt.map(QueueTime.init(microseconds:)))
    }

    /// Appends the jobs as one array per column and returns `unnest($a::uuid[], …) AS v(columns)`:
    /// a batch of any size is 19 parameters and one cheap parse.
    static func unnest(_ jobs: [JobRecord], into bindings: inout PostgresBindings) throws -> String {
        var placeholders: [String] = []
        func add<T: PostgresArrayEncodable>(_ values: [T?], _ type: String) throws {
            try bindings.append(PostgresNullableArray(values))
            placeholders.append("$\(bindings.count)::\(type)[]")
        }
        try add(jobs.map(\.id.uuid), "uuid")
        try add(jobs.map(\.idempotencyKey), "text")
        try add(jobs.map(\.priority.rawValue), "text")
        try add(jobs.map(\.state.rawValue), "text")
        try add(jobs.map { ByteBuffer(data: $0.payload) }, "bytea")
        try add(try jobs.map { try MetadataCoding.encode($0.metadata) }, "text")
        try add(jobs.map { Int64($0.attempts) }, "int8")
        try add(jobs.map { Int64($0.maxAttempts) }, "int8")
        try add(jobs.map(\.leaseToken.rawValue), "int8")
        try add(jobs.map { $0.leaseExpiresAt?.microseconds }, "int8")
        try add(jobs.map(\.runAt.microseconds), "int8")
        try add(jobs.map(\.sortKey), "int8")
        try add(jobs.map { $0.lastError?.code }, "text")
        try add(jobs.map { $0.lastError?.message }, "text")
        try add(jobs.map { $0.result.map { ByteBuffer(data: $0) } }, "bytea")
        try add(jobs.map(\.createdAt.microseconds), "int8")
        try add(jobs.map(\.updatedAt.microseconds), "int8")
        try add(jobs.map { $0.startedAt?.microseconds }, "int8")
        try add(jobs.map { $0.finishedAt?.microseconds }, "int8")
        return "unnest(" + placeholders.joined(separator: ", ") + ") AS v(\(columns))"
    }

    /// Inserts new jobs into the hot table in one statement.
    static func insert(_ jobs: [JobRecord], on connection: PostgresConnection, logger: Logger) async throws {
        guard !jobs.isEmpty else { return }
        var bindings = PostgresBindings(capacity: 19)
        let source = try unnest(jobs, into: &bindings)
        let sql = "INSERT INTO queue_jobs (\(columns)) SELECT * FROM \(source)"
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }

    /// Locks the hot rows of `ids` (FOR UPDATE) and reads finished ones, which never change.
    static func lock(_ ids: [JobID], on connection: PostgresConnection, logger: Logger) async throws -> [JobID: JobRecord] {
        var found: [JobID: JobRecord] = [:]
        let uuids = ids.map(\.uuid)
        for try await row in try await connection.query(
            "SELECT \(unescaped: columns) FROM queue_jobs WHERE id = ANY(\(uuids)) ORDER BY id FOR UPDATE", logger: logger) {
            let job = try decode(row)
            found[job.id] = job
        }
        let missing = uuids.filter { found[JobID($0)] == nil }
        if !missing.isEmpty {
            for try await row in try await connection.query(
                "SELECT \(unescaped: columns) FROM queue_finished WHERE id = ANY(\(missing))", logger: logger) {
                let job = try decode(row)
                found[job.id] = job
            }
        }
        return found
    }

    /// Writes back jobs that a transition changed: still-active jobs are updated in place, jobs that
    /// just finished move from the hot table to `queue_finished` (keeps the hot table small).
    static func writeBack(_ jobs: [JobRecord], on connection: PostgresConnection, logger: Logger) async throws {
        let active = jobs.filter { !$0.state.isFinished }
        let finished = jobs.filter { $0.state.isFinished }
        if !active.isEmpty {
            var bindings = PostgresBindings(capacity: 19)
            let source = try unnest(active, into: &bindings)
            let sql = """
                UPDATE queue_jobs AS j SET state = v.state, attempts = v.attempts, lease_token = v.lease_token,
                    lease_expires_at = v.lease_expires_at, run_at = v.run_at, sort_key = v.sort_key,
                    error_code = v.error_code, error_message = v.error_message, updated_at = v.updated_at,
                    started_at = v.started_at
                FROM \(source)
                WHERE j.id = v.id
                """
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
        if !finished.isEmpty {
            var bindings = PostgresBindings(capacity: 19)
            let source = try unnest(finished, into: &bindings)
            let sql = """
                WITH gone AS (DELETE FROM queue_jobs WHERE id = ANY($1::uuid[]))
                INSERT INTO queue_finished (\(columns)) SELECT * FROM \(source)
                """
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }
}
