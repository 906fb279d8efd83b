import ArgumentParser
import Foundation
import Logging
import SpeechBatch
import SpeechServer
import SpeechWorker

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score every recording of a manifest; resumable, with progress.",
        discussion: """
            The manifest is CSV (header `id,audio,reference`; several references separated by ';') or JSON Lines
            ({"id","audio","references":[...]}); paths are relative to the manifest. Outputs in --out:
            results.jsonl (one result document per item, with its id), results.csv, errors.csv.
            Kill it at any moment and run the same command again: it continues, redoes nothing finished,
            and every item appears exactly once.

            Examples:
              speakwell batch sitting.csv --out results/
              speakwell batch sitting.jsonl --out results/ --workers 16
              speakwell batch sitting.csv --out results/ --database postgres://speakwell@db/speakwell
            """
    )

    @Argument(help: "Manifest: CSV or JSON Lines.")
    var manifest: String

    @Option(help: "Output folder (also where the embedded queue lives unless --database is given).")
    var out: String

    @Option(help: "Database: sqlite:PATH or postgres://... (default: sqlite:OUT/queue.sqlite); workers on other machines help through a shared PostgreSQL.")
    var database: String?

    @Option(help: "Recordings folder shared with other workers (default: next to the database).")
    var recordings: String?

    @Option(help: "Local analysis threads (default: the machine's cores; 0 = only submit and collect).")
    var workers: Int?

    @Option(name: .customLong("max-duration"), help: "Longest recording accepted, in seconds.")
    var maxDurationSeconds = 600.0

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        if let database {
            do { _ = try DatabaseLocation(database) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let loaded: BatchManifest
        let ledger: BatchLedger
        do {
            loaded = try BatchManifest.load(path: manifest)
            ledger = try BatchLedger(folder: URL(fileURLWithPath: out))
        } catch {
            FileHandle.standardError.write(Data("speakwell: \(error.code): \(error.message)\n".utf8))
            throw InputFailure()
        }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = out
        configuration.databaseURL = database ?? "sqlite:\(out)/queue.sqlite"
        configuration.recordingsDirectoryOverride = recordings
        configuration.decodeLimits.maximumSeconds = maxDurationSeconds
        configuration.workers.decodeLimits = configuration.decodeLimits
        if let workers { configuration.workers.workerCount = max(workers, 1) }
        let environment = try await ServerEnvironment.open(configuration)
        let pool = WorkerPool(queue: environment.queue, recordings: environment.recordings,
                              configuration: configuration.workers, logger: Logger(label: "speakwell.batch"))
        let poolTask = workers == 0 ? nil : Task { try await pool.run() }
        let runner = BatchRunner(queue: environment.queue, recordings: environment.recordings,
                                 batchKey: BatchRunner.key(forOutputFolder: URL(fileURLWithPath: out)))
        let reporter = ProgressReporter()
        do {
            let progress = try await runner.run(loaded, ledger: ledger, reporter: reporter)
            reporter.finish(progress, outputFolder: out)
        } catch {
            poolTask?.cancel()
            _ = await poolTask?.result
            await environment.close()
            throw error
        }
        poolTask?.cancel()
        _ = await poolTask?.result
        await environment.close()
    }
}
