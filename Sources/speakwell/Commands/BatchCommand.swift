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
            ({"id","audio","references":[...]} or {"id","audio","exercise"}); paths are relative to the manifest.
            Outputs in --out: results.jsonl (one result document per item, with its id), results.csv, errors.csv.
            Kill it at any moment and run the same command again: it continues, redoes nothing finished,
            and every item appears exactly once.

            With --server URL --token T the recordings are scored by a running service (an operator or admin
            token): each item is uploaded to a service batch of its exercise (`exercise` in a JSON Lines
            manifest, else --exercise ID) and the results are collected into --out. The service scores against
            the exercise's model recordings, so manifest reference files are refused in this mode.
            The token may also come from SPEAKWELL_TOKEN (a --token is visible to other users in `ps`).

            Examples:
              speakwell batch sitting.csv --out results/
              speakwell batch sitting.jsonl --out results/ --workers 16
              speakwell batch sitting.csv --out results/ --database postgres://speakwell@db/speakwell
              speakwell batch sitting.csv --out results/ --server https://speakwell.example --token sw_... --exercise 3f2a...
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

    @Option(name: .customLong("max-attempts"), help: "Attempts before an item's job is dead (default 5; each crashed or killed worker uses one).")
    var maxAttempts: Int?

    @Option(help: "A running service to score on (http:// or https://), instead of local workers.")
    var server: String?

    @Option(help: "With --server: an operator or admin token (default: $SPEAKWELL_TOKEN).")
    var token: String?

    @Option(help: "With --server: the exercise of items that name none (every CSV item).")
    var exercise: String?

    @Option(help: "With --server: recordings uploaded at once.")
    var jobs = 4

    @Option(name: .customLong("results-page"), help: .hidden)
    var resultsPage = ServerBatchRunner.defaultResultsPerPage

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        if let maxAttempts, !(1...100).contains(maxAttempts) { throw ValidationError("--max-attempts must be 1 to 100") }
        if !(1...ServerBatchRunner.defaultResultsPerPage).contains(resultsPage) {
            throw ValidationError("--results-page must be 1 to \(ServerBatchRunner.defaultResultsPerPage)")
        }
        if let database {
            do { _ = try DatabaseLocation(database) } catch { throw ValidationError("\(error)") }
        }
        guard let server else {
            for (given, flag) in [(token != nil, "--token"), (exercise != nil, "--exercise")] where given {
                throw ValidationError("\(flag) needs --server URL (it is for scoring on a running service)")
            }
            return
        }
        do { _ = try ServerAddress(parsing: server) } catch { throw ValidationError("\(error)") }
        for (given, flag) in [(database != nil, "--database"), (workers != nil, "--workers"), (recordings != nil, "--recordings"),
                              (maxAttempts != nil, "--max-attempts")]
        where given {
            throw ValidationError("\(flag) is for local scoring; with --server the service's own workers and database do the work")
        }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64") }
        guard serverToken?.isEmpty == false else {
            throw ValidationError("--server needs an operator or admin token: --token T, or SPEAKWELL_TOKEN in the environment")
        }
    }

    private var serverToken: String? { token ?? ProcessInfo.processInfo.environment["SPEAKWELL_TOKEN"] }

    func run() async throws {
        try PronunciationModelChoice.validate()
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
        if let server, let serverToken {
            try await runOnServer(try ServerAddress(parsing: server), token: serverToken, manifest: loaded, ledger: ledger)
            return
        }
        try SynthesisHelperCheck.validate()
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
        var runner = BatchRunner(queue: environment.queue, recordings: environment.recordings,
                                 batchKey: BatchRunner.key(forOutputFolder: URL(fileURLWithPath: out)))
        runner.maxAttempts = maxAttempts
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

    /// `--server` mode: a batch error (the token, the service gone) is reported like a manifest error (exit 1);
    /// what is in --out stays, and the same command continues the batch.
    private func runOnServer(_ address: ServerAddress, token: String, manifest: BatchManifest, ledger: BatchLedger) async throws {
        var runner = ServerBatchRunner(address: address, token: token, exercise: exercise, uploadsAtOnce: jobs)
        runner.resultsPerPage = resultsPage
        let reporter = ProgressReporter()
        do {
            let outcome = try await runner.run(manifest, ledger: ledger, reporter: reporter)
            reporter.finish(outcome.progress, outputFolder: out)
            FileHandle.standardError.write(Data((outcome.line(server: address) + "\n").utf8))
        } catch let error as BatchError {
            FileHandle.standardError.write(Data("\nspeakwell: \(error.code): \(error.message)\n".utf8))
            throw InputFailure()
        }
    }
}
