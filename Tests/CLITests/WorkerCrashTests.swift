import Foundation
import SpeechQueue
import SpeechTestSupport
import Testing

/// Real `speakwell worker` processes killed with SIGKILL at random moments and restarted, over 500 jobs on
/// real fixtures, with `speakwell batch --workers 0` submitting and collecting. At the end every job has
/// succeeded with exactly one result, no recording is lost, and a poison recording (the worker aborts on it)
/// ends dead after the maximum attempts instead of looping. SQLite only for now: the PostgreSQL run
/// (worker processes reconnecting after every kill) did not finish within its deadline and needs work.
@Suite(.serialized) struct WorkerCrashTests {
    static let fixtures = ["sentences/s01.wav", "sentences/s02.wav", "sentences/s04.wav", "sentences/s06.wav",
                           "sentences/s08.wav", "real/goforward.wav", "real/librivox-0880.wav"]
    static let poison = "sine/sine440.pcm16.wav"

    func launch(_ arguments: [String], environment extra: [String: String] = [:], log: URL? = nil) throws -> BackgroundProcess {
        try CommandRunner.launch("speakwell", arguments, extraEnvironment: extra, log: log)
    }

    func crashRun(database explicitDatabase: String?) throws {
        let folder = TestScratch.url("crash")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = ["id,audio,reference"]
        for index in 0..<500 { lines.append("job-\(index),\(Fixtures.audio(Self.fixtures[index % Self.fixtures.count]).path),") }
        lines.append("poison,\(Fixtures.audio(Self.poison).path),")
        let manifest = folder.appendingPathComponent("manifest.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        let poisonDigest = RecordingStore.digest(of: try Data(contentsOf: Fixtures.audio(Self.poison))).hex

        let database = explicitDatabase ?? "sqlite:\(out.path)/queue.sqlite"
        // Eight attempts: a retried job is claimed first by the next worker, so on a loaded machine one job was
        // once killed on all five default attempts (dead after 5 lost leases, CI run of 2026-11-23). The poison
        // job still ends dead, after eight.
        let collector = try launch(["batch", manifest.path, "--out", out.path, "--workers", "0", "--database", database,
                                    "--max-attempts", "8"])
        // The batch creates the queue and stores the recordings; workers start once the database exists.
        if explicitDatabase == nil {
            let created = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: "\(out.path)/queue.sqlite"), Date() < created { usleep(50_000) }
        }
        let workerArguments = ["worker", "--database", database, "--recordings", "\(out.path)/recordings",
                               "--workers", "1", "--lease", "1", "--grace", "0"]
        // No crash backtrace for the deliberate aborts: symbolicating a debug build costs seconds of CPU per
        // abort, and a swift-backtrace orphaned when its worker is SIGKILLed mid-backtrace hung for ever.
        let poisonEnvironment = ["SPEAKWELL_FAULT_ABORT_ON_RECORDING": poisonDigest, "SWIFT_BACKTRACE": "enable=no"]
        // Each worker's stderr goes to its own file in the run's folder, for reading after a failure.
        var launched = 0
        func startWorker() throws -> (process: BackgroundProcess, started: Date) {
            launched += 1
            let log = folder.appendingPathComponent("worker-\(launched).log")
            return (try launch(workerArguments, environment: poisonEnvironment, log: log), Date())
        }
        let results = out.appendingPathComponent("results.jsonl")
        let runStarted = Date()
        var workers = try (0..<2).map { _ in try startWorker() }
        var generator = SystemRandomNumberGenerator()
        var kills = 0, restarts = 0
        let deadline = Date().addingTimeInterval(300)
        while collector.isRunning, Date() < deadline {
            usleep(UInt32.random(in: 300_000...1_200_000, using: &generator))
            // A worker gets a second to start (connect, migrate) before it may be killed, so kills land on work.
            // At most one kill per ten finished jobs: kills then keep pace with progress, so a loaded machine
            // (slower jobs, the same kill clock) cannot kill one good job on all of its attempts (seen: a
            // job dead after 5 lost leases at load average 12, with 170 kills in 208 s).
            let victim = Int.random(in: 0..<workers.count, using: &generator)
            var killed: Int?
            let finished = lineCount(of: results)
            if workers[victim].process.isRunning, Date().timeIntervalSince(workers[victim].started) > 1,
               kills < max(5, finished / 10) {
                kill(workers[victim].process.processIdentifier, SIGKILL)
                kills += 1
                killed = victim
            }
            // Aborted (poison) or killed workers are reaped and restarted.
            for index in workers.indices where !workers[index].process.isRunning || index == killed {
                let gone = workers[index].process.wait(seconds: 10)
                #expect(gone != nil, "worker pid \(workers[index].process.processIdentifier) did not die within 10 s of SIGKILL")
                workers[index] = try startWorker()
                restarts += 1
            }
        }
        for worker in workers { worker.process.stop(signal: SIGKILL, waitingAtMost: 10) }
        let collectorFinished = !collector.isRunning
        collector.stop(signal: SIGKILL, waitingAtMost: 10)
        print("crash run on \(explicitDatabase == nil ? "SQLite" : "PostgreSQL"): \(Int(Date().timeIntervalSince(runStarted))) s, \(kills) kills, \(restarts) restarts; logs in \(folder.path)")
        #expect(collectorFinished && collector.exitCode == 0, "the batch did not finish within the deadline (exit \(String(describing: collector.exitCode)))")
        #expect(kills >= 5, "only \(kills) kills: the run was too short to test anything")
        #expect(restarts >= kills)

        let written = try String(contentsOf: results, encoding: .utf8)
        var succeeded = Set<String>(), seen: [String] = []
        var poisonError: [String: Any]?
        for line in written.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(object["id"] as? String)
            seen.append(id)
            if object["schema"] as? String == "speakwell.result/1" { succeeded.insert(id) }
            if id == "poison" { poisonError = object["error"] as? [String: Any] }
        }
        #expect(seen.count == 501, "exactly one result per job: \(seen.count) lines")
        #expect(Set(seen).count == 501)
        #expect(succeeded == Set((0..<500).map { "job-\($0)" }), "\(500 - succeeded.count) jobs did not succeed")
        #expect(poisonError?["code"] as? String == "dead", "the poison job must end dead: \(String(describing: poisonError))")

        // No recording lost: every distinct input is in the store under its SHA-256 and still verifies.
        let store = try RecordingStore(directory: "\(out.path)/recordings")
        for fixture in Self.fixtures + [Self.poison] {
            let bytes = try Data(contentsOf: Fixtures.audio(fixture))
            #expect(try store.read(RecordingStore.digest(of: bytes)) == bytes, "\(fixture)")
        }
    }

    @Test func killedWorkersLoseNothingAndPoisonEndsDeadOnSQLite() async throws {
        try await onDedicatedThread { try self.crashRun(database: nil) }
    }

    @Test func killedWorkersLoseNothingAndPoisonEndsDeadOnPostgreSQL() async throws {
        guard let base = try PostgresTestDatabase.baseURL() else { return }
        // Its own database: workers of a test running beside this one must not claim these jobs.
        let database = try PostgresTestDatabase.create(from: base, prefix: "crash")
        try await onDedicatedThread { try self.crashRun(database: database) }
    }
}
