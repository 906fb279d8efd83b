import Foundation
import Logging
import PostgresNIO
import SpeechQueue

/// The queue for many machines: any number of API nodes and worker machines share one PostgreSQL.
///
/// Claims lock rows with `FOR UPDATE SKIP LOCKED` (workers never wait on each other); idle workers
/// sleep on LISTEN/NOTIFY with polling as the fallback; connections come from a `PostgresClient` pool.
public final class PostgresJobQueue: LeaseTransitions {
    public struct Options: Sendable {
        /// Tables live in this schema (created if missing); tests use one schema per test.
        public var schema = "public"
        public var maximumConnections = 16
        /// At most one NOTIFY per this interval per process (the last enqueue always gets one):
        /// NOTIFY takes a global lock at commit, so one per enqueue would serialise busy writers.
        public var notifyInterval: Duration = .milliseconds(5)
        public var logLevel: Logger.Level = .warning
        public init() {}
    }

    public let configuration: QueueConfiguration
    let client: PostgresClient
    public let lifecycle: JobLifecycle
    let logger: Logger
    let channel: String
    let workSignal = WakeSignal()
    let finishSignal = WakeSignal()
    let notifier: NotifyThrottle
    let expirySweep: ExpirySweepGate
    private let background: Task<Void, Never>

    /// Connects, applies migrations and starts listening for wake-ups.
    public static func connect(url: String, configuration: QueueConfiguration = .init(),
                               options: Options = .init()) async throws(QueueError) -> PostgresJobQueue {
        var clientConfiguration = try PostgresQueueURL.configuration(url)
        clientConfiguration.options.maximumConnections = options.maximumConnections
        clientConfiguration.options.additionalStartupParameters = [("search_path", options.schema)]
        let queue = PostgresJobQueue(clientConfiguration: clientConfiguration, configuration: configuration, options: options)
        do {
            try await PostgresMigrations.apply(client: queue.client, schema: options.schema, logger: queue.logger)
        } catch {
            await queue.close()
            throw .migration("applying the queue schema failed: \(String(reflecting: error))")
        }
        return queue
    }

    private init(clientConfiguration: PostgresClient.Configuration, configuration: QueueConfiguration, options: Options) {
        self.configuration = configuration
        lifecycle = JobLifecycle(configuration: configuration)
        var logger = Logger(label: "speakwell.queue.postgres")
        logger.logLevel = options.logLevel
        self.logger = logger
        // The pool logs a warning when the first query races `run()` starting; only its errors matter here.
        var clientLogger = logger
        clientLogger.logLevel = max(options.logLevel, .error)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: clientLogger)
        self.client = client
        channel = "speakwell_queue_" + String(options.schema.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(40))
        notifier = NotifyThrottle(client: client, channel: channel, interval: options.notifyInterval, logger: logger)
        expirySweep = ExpirySweepGate(interval: .milliseconds(250))
        let listener = NotificationListener(configuration: clientConfiguration, channel: channel, logger: logger)
        let workSignal = workSignal
        background = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                group.addTask { await listener.run { workSignal.signal() } }
            }
        }
    }

    public func close() async {
        background.cancel()
        _ = await background.value
    }

    /// Runs `body` in one transaction on a pooled connection, mapping driver errors to `QueueError.storage`.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(QueueError) -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as QueueError {
            throw error
        } catch let error as PostgresTransactionError {
            if let error = error.closureError as? QueueError { throw error }
            throw .storage(error)
        } catch {
            throw .storage(error)
        }
    }

    func query<T: Sendable>(_ body: (PostgresClient) async throws -> T) async throws(QueueError) -> T {
        do {
            return try await body(client)
        } catch let error as QueueError {
            throw error
        } catch {
            throw .storage(error)
        }
    }

    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
