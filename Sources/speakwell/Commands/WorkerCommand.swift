import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SpeechQueue
import SpeechServer
import SpeechWorker

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run analysis workers only (extra machines next to `speakwell serve`).",
        discussion: """
            Workers claim jobs from the queue, read recordings from the recordings folder (shared storage when
            workers run on other machines), and store results with the job. SIGTERM: stop claiming, finish or
            hand back running jobs within --grace seconds.

            Examples:
              speakwell worker --database sqlite:speakwell-data/speakwell.sqlite
              speakwell worker --database postgres://speakwell@db/speakwell --recordings /mnt/shared/speakwell/recordings --workers 8
            """
    )

    /// Shared with `submit`, `status` and `queue stats` so all four find the same queue and recordings.
    @OptionGroup var storage: QueueDatabaseOptions

    @Option(help: "Analysis threads (default: the machine's cores).")
    var workers: Int?

    @Option(name: .customLong("grace"), help: "Seconds running jobs may take after SIGTERM before they are handed back.")
    var graceSeconds = 20.0

    @Option(name: .customLong("max-duration"), help: "Longest recording accepted, in seconds.")
    var maxDurationSeconds = 600.0

    @Option(name: .customLong("lease"), help: "Seconds a claimed job stays leased without a heartbeat before it is run again elsewhere.")
    var leaseSeconds = 30.0

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard graceSeconds >= 0 else { throw ValidationError("--grace must be 0 or more") }
        guard leaseSeconds >= 0.5 else { throw ValidationError("--lease must be at least 0.5 seconds") }
    }

    func run() async throws {
        try PronunciationModelChoice.validate()
        try SynthesisHelperCheck.validate()
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var configuration = ServerConfiguration()
        storage.apply(to: &configuration)
        configuration.decodeLimits.maximumSeconds = maxDurationSeconds
        configuration.workers.decodeLimits = configuration.decodeLimits
        configuration.workers.shutdownGracePeriod = .milliseconds(Int64(graceSeconds * 1000))
        configuration.queue.leaseDuration = .milliseconds(Int64(leaseSeconds * 1000))
        if let workers { configuration.workers.workerCount = workers }
        // Only the queue and the recordings: a worker never touches the service's own tables, and opening them
        // cost every worker start a second PostgreSQL pool and migration transaction (and connections) for nothing.
        let queue = try await storage.openQueue(creating: true, configuration: configuration.queue)
        let recordings: RecordingStore
        do { recordings = try RecordingStore(directory: configuration.recordingsDirectory) } catch {
            await queue.close()
            throw error
        }
        let logger = Logger(label: "speakwell.worker")
        let pool = WorkerPool(queue: queue, recordings: recordings, configuration: configuration.workers, logger: logger)
        let maintenance = QueueMaintenance(queue: queue, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: maintenance), .init(service: pool)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await queue.close()
            throw error
        }
        await queue.close()
    }
}
