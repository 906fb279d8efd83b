import Foundation
import GRDB
import SpeechQueue

/// The embedded queue: one SQLite file in WAL mode, shared by the server and workers on one machine
/// (also across processes: other processes are noticed by polling, this process's enqueues wake
/// waiting workers at once).
///
/// Every change runs in a `BEGIN IMMEDIATE` transaction, which takes the write lock up front; a
/// deferred transaction that reads and then writes can fail with SQLITE_BUSY instead of waiting.
public final class SQLiteJobQueue: LeaseTransitions {
    public struct Options: Sendable {
        /// How long a writer waits for another process's write lock before failing.
        public var busyTimeout: TimeInterval = 10
        /// `PRAGMA synchronous = FULL`: a commit (an acknowledged submission) survives a power cut.
        /// NORMAL survives process crashes only, and is faster.
        public var synchronousFull = true
        public init() {}
    }

    public let configuration: QueueConfiguration
    let pool: DatabasePool
    public let lifecycle: JobLifecycle
    let workSignal = WakeSignal()
    let finishSignal = WakeSignal()

    /// Opens (creating if needed) the queue file at `path` and migrates it to the current schema.
    public init(path: String, configuration: QueueConfiguration = .init(), options: Options = .init()) throws(QueueError) {
        self.configuration = configuration
        lifecycle = JobLifecycle(configuration: configuration)
        var grdb = Configuration()
        grdb.busyMode = .timeout(options.busyTimeout)
        let synchronous = options.synchronousFull ? "FULL" : "NORMAL"
        grdb.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
        do {
            pool = try DatabasePool(path: path, configuration: grdb)
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw .storage(error)
        }
    }

    public func close() async {
        try? pool.close()
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer connection.
    func immediate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(QueueError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as QueueError {
            throw error
        } catch {
            throw .storage(error)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(QueueError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as QueueError {
            throw error
        } catch {
            throw .storage(error)
        }
    }
}
