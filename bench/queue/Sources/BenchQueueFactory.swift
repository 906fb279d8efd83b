import Foundation
import SpeechQueue
import SpeechQueuePostgres
import SpeechQueueSQLite

/// A fresh, empty queue per measurement: a new SQLite file, or a new PostgreSQL schema.
enum BenchQueueFactory {
    static func make(_ backend: String, arguments: BenchArguments, workers: Int) async throws -> any JobQueue {
        var configuration = QueueConfiguration()
        configuration.pollInterval = .seconds(1)
        switch backend {
        case "sqlite":
            let path = FileManager.default.temporaryDirectory.path + "/speakwell-bench-\(UUID().uuidString).sqlite"
            return try SQLiteJobQueue(path: path, configuration: configuration)
        case "postgres":
            var options = PostgresJobQueue.Options()
            options.schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
            options.maximumConnections = workers + 2
            return try await PostgresJobQueue.connect(url: arguments.postgresURL!, configuration: configuration, options: options)
        default:
            throw QueueError.invalidRequest("unknown backend \(backend); use sqlite or postgres")
        }
    }
}
