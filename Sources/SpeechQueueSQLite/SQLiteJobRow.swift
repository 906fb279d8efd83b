import Foundation
import GRDB
import SpeechQueue

/// Mapping between `JobRecord` and a `queue_jobs` row, by column position (cheap on the hot path).
enum SQLiteJobRow {
    static let columns = """
        id, idempotency_key, priority, state, payload, metadata, attempts, max_attempts, lease_token, \
        lease_expires_at, run_at, sort_key, error_code, error_message, result, created_at, updated_at, \
        started_at, finished_at
        """

    static func decode(_ row: Row) throws -> JobRecord {
        let errorCode: String? = row[12]
        let errorMessage: String? = row[13]
        guard let priority = JobPriority(rawValue: row[2]), let state = JobState(rawValue: row[3]) else {
            throw QueueError.migration("queue_jobs row has an unknown priority or state; was it written by a newer version?")
        }
        return JobRecord(
            id: JobID(row[0] as UUID), idempotencyKey: row[1], priority: priority, state: state,
            payload: row[4], metadata: try MetadataCoding.decode(row[5]),
            attempts: row[6], maxAttempts: row[7], leaseToken: LeaseToken(rawValue: row[8]),
            leaseExpiresAt: time(row[9]), runAt: QueueTime(microseconds: row[10]), sortKey: row[11],
            lastError: errorCode.map { JobErrorInfo(code: $0, message: errorMessage ?? "") },
            result: row[14], createdAt: QueueTime(microseconds: row[15]), updatedAt: QueueTime(microseconds: row[16]),
            startedAt: time(row[17]), finishedAt: time(row[18]))
    }

    static func insert(_ job: JobRecord, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO queue_jobs (\(columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        try statement.execute(arguments: [
            job.id.uuid, job.idempotencyKey, job.priority.rawValue, job.state.rawValue, job.payload,
            try MetadataCoding.encode(job.metadata), job.attempts, job.maxAttempts, job.leaseToken.rawValue,
            job.leaseExpiresAt?.microseconds, job.runAt.microseconds, job.sortKey, job.lastError?.code,
            job.lastError?.message, job.result, job.createdAt.microseconds, job.updatedAt.microseconds,
            job.startedAt?.microseconds, job.finishedAt?.microseconds,
        ])
    }

    /// Writes back every column a transition may change.
    static func update(_ job: JobRecord, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE queue_jobs SET state = ?, attempts = ?, lease_token = ?, lease_expires_at = ?, run_at = ?,
                sort_key = ?, error_code = ?, error_message = ?, result = ?, updated_at = ?, started_at = ?,
                finished_at = ?
            WHERE id = ?
            """)
        try statement.execute(arguments: [
            job.state.rawValue, job.attempts, job.leaseToken.rawValue, job.leaseExpiresAt?.microseconds,
            job.runAt.microseconds, job.sortKey, job.lastError?.code, job.lastError?.message, job.result,
            job.updatedAt.microseconds, job.startedAt?.microseconds, job.finishedAt?.microseconds, job.id.uuid,
        ])
    }

    static func fetch(_ id: JobID, _ db: Database) throws -> JobRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM queue_jobs WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id.uuid]).map(decode)
    }

    /// Ids in groups small enough for one statement's bound parameters, with their `?` lists.
    static func chunks(of ids: [JobID]) -> [(placeholders: String, arguments: StatementArguments)] {
        stride(from: 0, to: ids.count, by: 500).map { start in
            let part = ids[start..<min(ids.count, start + 500)]
            return (Array(repeating: "?", count: part.count).joined(separator: ","), StatementArguments(part.map(\.uuid)))
        }
    }

    private static func time(_ microseconds: Int64?) -> QueueTime? {
        microseconds.map { QueueTime(microseconds: $0) }
    }
}
