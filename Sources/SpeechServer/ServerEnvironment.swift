import Foundation
import Logging
import SpeechQueue
import SpeechQueuePostgres
import SpeechQueueSQLite
import SpeechWorker

/// The opened resources a server (and `speakwell admin`) works with: the queue, the service's own
/// records in the same database, and the recording store.
public final class ServerEnvironment: Sendable {
    public let configuration: ServerConfiguration
    public let queue: any JobQueue
    public let store: any SchoolStore
    public let recordings: RecordingStore

    public init(configuration: ServerConfiguration, queue: any JobQueue, store: any SchoolStore, recordings: RecordingStore) {
        self.configuration = configuration
        self.queue = queue
        self.store = store
        self.recordings = recordings
    }

    /// Creates the data directory if needed, opens (and migrates) the database and the recording store.
    public static func open(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "speakwell")) async throws -> ServerEnvironment {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let recordings = try RecordingStore(directory: configuration.recordingsDirectory)
        switch try configuration.database {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let queue = try SQLiteJobQueue(path: path, configuration: configuration.queue)
            let store = try SQLiteSchoolStore(path: path)
            return ServerEnvironment(configuration: configuration, queue: queue, store: store, recordings: recordings)
        case .postgres(let url):
            var options = PostgresJobQueue.Options()
            options.schema = configuration.postgresSchema
            let queue = try await PostgresJobQueue.connect(url: url, configuration: configuration.queue, options: options)
            do {
                let store = try await PostgresSchoolStore.connect(url: url, schema: configuration.postgresSchema, logger: logger)
                return ServerEnvironment(configuration: configuration, queue: queue, store: store, recordings: recordings)
            } catch {
                await queue.close()
                throw error
            }
        }
    }

    public func close() async {
        await store.close()
        await queue.close()
    }
}
