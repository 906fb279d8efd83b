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

    func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess(product: "speakwell", arguments: arguments,
                         environment: ProcessInfo.processInfo.environment.merging(extra) { $1 })
    }

    /// What a crash run saw, checked by the test in its own task (expectations recorded on the
    /// process-driving thread would not be attributed to the test).
    struct Observations: Sendable {
        var collectorStatus: Int32?
        var kills = 0
        var restarts = 0
        var results = ""
        var recordingsIntact: [String: Bool] = [:]
    }

    func crashRun(database explicitDatabase: String?) throws -> Observations {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = ["id,audio,reference"]
        for index in 0..<500 { lines.append("job-\(index),\(Fixtures.audio(Self.fixtures[index % Self.fixtures.count]).path),") }
        lines.append("poison,\(Fixtures.audio(Self.poison).path),")
        let manifest = folder.appendingPathComponent("manifest.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        let poisonDigest = RecordingStore.digest(of: try Data(contentsOf: Fixtures.audio(Self.poison))).hex

        let database = explicitDatabase ?? "sqlite:\(out.path)/queue.sqlite"
        let collector = try launch(["batch", manifest.path, "--out", out.path, "--workers", "0", "--database", database])
        // The batch creates the queue and stores the recordings; workers start once the database exists.
        if explicitDatabase == nil {
            let created = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: "\(out.path)/queue.sqlite"), Date() < created { usleep(50_000) }
        }
        let workerArguments = ["worker", "--database", database, "--recordings", "\(out.path)/recordings",
                               "--workers", "1", "--lease", "1", "--grace", "0"]
        let poisonEnvironment = ["SPEAKWELL_FAULT_ABORT_ON_RECORDING": poisonDigest]
        var workers = try (0..<2).map { _ in (process: try launch(workerArguments, environment: poisonEnvironment), started: Date()) }
        var generator = SystemRandomNumberGenerator()
        var observations = Observations()
        let deadline = Date().addingTimeInterval(300)
        while collector.isRunning, Date() < deadline {
            usleep(UInt32.random(in: 500_000...1_500_000, using: &generator))
            // A worker lives at least three seconds before it may be killed: long enough to start and finish
            // a job or two even in a debug build on a busy machine, so every job can get through within its
            // five attempts, while the kills still land on work in progress.
            let victim = Int.random(in: 0..<workers.count, using: &generator)
            var killed: Int?
            if workers[victim].process.isRunning, Date().timeIntervalSince(workers[victim].started) > 3 {
                workers[victim].process.kill(SIGKILL)
                observations.kills += 1
                killed = victim
            }
            // Aborted (poison) or killed workers are reaped and restarted.
            for index in workers.indices where !workers[index].process.isRunning || index == killed {
                workers[index].process.killAndWait()
                workers[index] = (try launch(workerArguments, environment: poisonEnvironment), Date())
                observations.restarts += 1
            }
        }
        for worker in workers { worker.process.killAndWait() }
        collector.killAndWait()
        observations.collectorStatus = collector.terminationStatus
        observations.results = (try? String(contentsOf: out.appendingPathComponent("results.jsonl"), encoding: .utf8)) ?? ""

        // No recording lost: every distinct input is in the store under its SHA-256 and still verifies.
        let store = try RecordingStore(directory: "\(out.path)/recordings")
        for fixture in Self.fixtures + [Self.poison] {
            let bytes = try Data(contentsOf: Fixtures.audio(fixture))
            observations.recordingsIntact[fixture] = (try? store.read(RecordingStore.digest(of: bytes))) == bytes
        }
        return observations
    }

    func check(_ observations: Observations) throws {
        #expect(observations.collectorStatus == 0, "the batch did not finish within the deadline")
        #expect(observations.kills >= 5, "only \(observations.kills) kills: the run was too short to test anything")
        #expect(observations.restarts >= observations.kills)

        var succeeded = Set<String>(), seen: [String] = []
        var poisonError: [String: Any]?
        var failures: [String] = []
        for line in observations.results.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(object["id"] as? String)
            seen.append(id)
            if object["schema"] as? String == "speakwell.result/1" { succeeded.insert(id) }
            if id == "poison" { poisonError = object["error"] as? [String: Any] } else if let error = object["error"] { failures.append("\(id): \(error)") }
        }
        #expect(seen.count == 501, "exactly one result per job: \(seen.count) lines")
        #expect(Set(seen).count == 501)
        #expect(succeeded.count == 500, "\(500 - succeeded.count) jobs did not succeed: \(failures.prefix(5))")
        #expect(poisonError?["code"] as? String == "dead", "the poison job must end dead: \(String(describing: poisonError))")
        for (fixture, intact) in observations.recordingsIntact.sorted(by: { $0.key < $1.key }) {
            #expect(intact, "recording of \(fixture) lost or damaged")
        }
    }

    @Test func killedWorkersLoseNothingAndPoisonEndsDeadOnSQLite() async throws {
        try check(try await onDedicatedThread { try self.crashRun(database: nil) })
    }
}
