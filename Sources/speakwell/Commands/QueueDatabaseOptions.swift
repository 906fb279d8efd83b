import ArgumentParser
import Foundation
import SpeechQueue
import SpeechQueuePostgres
import SpeechQueueSQLite
import SpeechServer

/// `--database` and `--recordings` as `worker`, `submit`, `status` and `queue stats` take them.
///
/// One type so the defaults cannot drift apart: `submit` must store recordings exactly where a
/// `worker` started with the same `--database` will look for them.
struct QueueDatabaseOptions: ParsableArguments {
    static let defaultDatabase = "sqlite:speakwell-data/speakwell.sqlite"

    @Option(help: "Database: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.")
    var database = Self.defaultDatabase

    @Option(help: "Recordings folder (default: `recordings` next to a SQLite file, else ./speakwell-data/recordings).")
    var recordings: String?

    func validate() throws {
        do { _ = try DatabaseLocation(database) } catch { throw ValidationError("\(error)") }
    }

    var location: DatabaseLocation {
        get throws { try DatabaseLocation(database) }
    }

    /// The folder holding the SQLite file (the server's data directory), or ./speakwell-data for PostgreSQL.
    var dataDirectory: String {
        guard case .sqlite(let path)? = try? location else { return ServerConfiguration().dataDirectory }
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    var recordingsDirectory: String { recordings ?? "\(dataDirectory)/recordings" }

    /// Fills the server configuration `worker` runs with: same database, same recordings folder.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.databaseURL = database
        configuration.dataDirectory = dataDirectory
        configuration.recordingsDirectoryOverride = recordings
    }

    /// Opens only the job queue (not the service's own tables): what `submit`, `status` and `queue stats` need.
    /// `creating: false` refuses a SQLite file that does not exist, so a mistyped path is not read as an empty queue.
    func openQueue(creating: Bool, configuration: QueueConfiguration = .init()) async throws -> any JobQueue {
        switch try location {
        case .sqlite(let path):
            if !creating, !FileManager.default.fileExists(atPath: path) {
                throw QueueError.invalidRequest("there is no queue database at \(path); check --database (submit creates it)")
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try SQLiteJobQueue(path: path, configuration: configuration)
        case .postgres(let url):
            return try await PostgresJobQueue.connect(url: url, configuration: configuration)
        }
    }

    /// Runs `body` with an open queue and closes it afterwards, also when `body` throws.
    func withQueue<T>(creating: Bool, _ body: (any JobQueue) async throws -> T) async throws -> T {
        let queue = try await openQueue(creating: creating)
        do {
            let value = try await body(queue)
            await queue.close()
            return value
        } catch {
            await queue.close()
            throw error
        }
    }
}
