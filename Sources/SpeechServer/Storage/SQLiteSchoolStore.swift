import Foundation
import GRDB

/// The embedded `SchoolStore`: tables next to the queue's in the same SQLite file (WAL mode, so the
/// queue's writers and these never block readers). GRDB, as the queue backend uses.
public final class SQLiteSchoolStore: SchoolStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the database file at `path` and migrates the service's tables.
    public init(path: String, busyTimeoutSeconds: TimeInterval = 10) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchoolSchema.migrator.migrate(pool)
    }

    public func close() async {
        try? pool.close()
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
