import Foundation
import HummingbirdTesting
import SpeechServer
import SpeechTestSupport
import Testing

/// `speakwell batch --server URL --token T`: the real `speakwell` executable (a child process) against a real
/// service (ServerHarness on a live port: SQLite, recording store, two analysis workers), scoring against the
/// demo exercise, whose model recording is s01.wav.
@Suite(.serialized) struct ServerBatchCommandTests {
    /// Fixtures that score, with the truth of their duration.
    static let goodFixtures = ["sentences/s01", "sentences/s02", "sentences/s03", "sentences/s05", "sentences/s07", "passage/passage"]

    struct Sitting {
        let folder: URL
        let manifest: URL
        /// Item id -> fixture (without extension).
        let good: [String: String]
        /// Item id -> the error code it must end with.
        let bad: [String: String]
        var out: URL { folder.appendingPathComponent("out") }
        var ids: Set<String> { Set(good.keys).union(bad.keys) }
        func output(_ name: String) -> URL { out.appendingPathComponent(name) }
    }

    /// `goodCount` scoring items, then three bad ones: too short (the service refuses it, 422), missing (never
    /// sent) and an id the service does not take. JSON Lines items name their exercise; CSV items get `--exercise`.
    func makeBatch(goodCount: Int, exercise: String, jsonLines: Bool) throws -> Sitting {
        let folder = TestScratch.url("server-batch")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var good: [String: String] = [:], rows: [(id: String, audio: String)] = []
        for index in 0..<goodCount {
            let fixture = Self.goodFixtures[index % Self.goodFixtures.count]
            good["item-\(index)"] = fixture
            rows.append(("item-\(index)", Fixtures.audio(fixture + ".wav").path))
        }
        rows += [("bad-short", Fixtures.audio("bad/too-short.wav").path), ("bad-missing", "does/not/exist.wav"),
                 ("bad id", Fixtures.audio("sentences/s01.wav").path)]
        let bad = ["bad-short": "tooShort", "bad-missing": "unreadable", "bad id": "bad_request"]
        let text: String
        let manifest: URL
        if jsonLines {
            manifest = folder.appendingPathComponent("sitting.jsonl")
            text = try rows.map { row in
                String(decoding: try JSONSerialization.data(withJSONObject: ["id": row.id, "audio": row.audio, "exercise": exercise],
                                                            options: [.sortedKeys]), as: UTF8.self)
            }.joined(separator: "\n")
        } else {
            manifest = folder.appendingPathComponent("sitting.csv")
            text = (["id,audio"] + rows.map { "\($0.id),\($0.audio)" }).joined(separator: "\n")
        }
        try Data((text + "\n").utf8).write(to: manifest)
        return Sitting(folder: folder, manifest: manifest, good: good, bad: bad)
    }

    func arguments(_ batch: Sitting, port: Int, token: String, extra: [String] = []) -> [String] {
        ["batch", batch.manifest.path, "--out", batch.out.path, "--server", "http://127.0.0.1:\(port)", "--token", token] + extra
    }

    func ledgerObjects(_ batch: Sitting) throws -> [[String: Any]] {
        let text = try String(contentsOf: batch.output("results.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Every item exactly once in results.jsonl, results.csv and (the bad ones) errors.csv, with the codes of truth.
    func expectEveryItemOnce(_ batch: Sitting) throws {
        let objects = try ledgerObjects(batch)
        let ids = objects.compactMap { $0["id"] as? String }
        #expect(ids.count == batch.ids.count, "every item exactly once: \(ids.count) lines for \(batch.ids.count) items")
        #expect(Set(ids) == batch.ids)
        for object in objects {
            let id = object["id"] as? String ?? ""
            if let code = batch.bad[id] {
                #expect((object["error"] as? [String: Any])?["code"] as? String == code, "\(id): \(object)")
            } else {
                #expect(object["schema"] as? String == "speakwell.result/1", "\(id): \(object["error"] ?? "")")
            }
        }
        let errors = try String(contentsOf: batch.output("errors.csv"), encoding: .utf8).split(separator: "\n")
        #expect(errors.count == batch.bad.count + 1)
        for (id, code) in batch.bad { #expect(errors.contains { $0.hasPrefix("\(id),\(code),") }, "\(id) \(code) in errors.csv") }
        let table = try String(contentsOf: batch.output("results.csv"), encoding: .utf8).split(separator: "\n")
        #expect(table.count == batch.ids.count + 1)
        #expect(table.filter { $0.contains(",succeeded,") }.count == batch.good.count)
    }

    @Test func serverBatchScoresEveryItemAgainstTheExerciseAndRecordsTheBadOnes() async throws {
        let harness = try await ServerHarness.make()
        let batch = try makeBatch(goodCount: 5, exercise: harness.demo.exerciseID, jsonLines: true)
        defer { try? FileManager.default.removeItem(at: batch.folder) }
        let token = harness.token(.operator)
        let (first, again) = try await harness.test(.live) { client in
            let arguments = self.arguments(batch, port: client.port!, token: token)
            return try await onDedicatedThread {
                (try CommandRunner.run("speakwell", arguments, timeoutSeconds: 180),
                 try CommandRunner.run("speakwell", arguments, timeoutSeconds: 60))
            }
        }
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardError.contains("batch finished: 8 items, 5 scored now, 3 failed"), "\(first.standardError)")
        #expect(first.standardError.contains("5 recordings uploaded now"), "\(first.standardError)")
        try expectEveryItemOnce(batch)

        // Against truth: each document is its own recording's (duration within 10 ms of the fixture's truth),
        // fully analysed, and scored against the exercise's model.
        for object in try ledgerObjects(batch) {
            guard let id = object["id"] as? String, let fixture = batch.good[id] else { continue }
            let truth = try #require(try FixtureTruth.load(fixture + ".truth.json").durationSeconds)
            let duration = try #require((object["audio"] as? [String: Any])?["duration_s"] as? Double)
            #expect(abs(duration - truth) < 0.01, "\(id) (\(fixture)): \(duration) s, truth \(truth) s")
            for section in ["pitch", "speech", "fluency", "pronunciation"] { #expect(object[section] != nil, "\(id) has \(section)") }
            let overall = (object["pronunciation"] as? [String: Any])?["overall"] as? Double ?? -1
            #expect((0...100).contains(overall))
        }

        // The same command again: nothing is uploaded or written twice.
        #expect(again.exitCode == 0, "\(again.standardError)")
        #expect(again.standardError.contains("8 already done before"), "\(again.standardError)")
        #expect(again.standardError.contains("0 recordings uploaded now"), "\(again.standardError)")
        try expectEveryItemOnce(batch)
    }

    @Test func refusedTokensUnusableURLsAndReferenceFilesStopWithAMessage() async throws {
        let harness = try await ServerHarness.make()
        let batch = try makeBatch(goodCount: 1, exercise: harness.demo.exerciseID, jsonLines: true)
        defer { try? FileManager.default.removeItem(at: batch.folder) }
        let withReference = batch.folder.appendingPathComponent("with-reference.csv")
        try Data("id,audio,reference\na,\(Fixtures.audio("sentences/s02.wav").path),\(Fixtures.audio("sentences/s01.wav").path)\n".utf8)
            .write(to: withReference)
        let tokens = (student: harness.token(.student), teacher: harness.token(.teacher), operator: harness.token(.operator))
        let results = try await harness.test(.live) { client in
            let server = "http://127.0.0.1:\(client.port!)"
            let runs: [[String]] = [
                self.arguments(batch, port: client.port!, token: "sw_" + String(repeating: "0", count: 64)),
                self.arguments(batch, port: client.port!, token: tokens.student),
                self.arguments(batch, port: client.port!, token: tokens.teacher),
                ["batch", batch.manifest.path, "--out", batch.out.path, "--server", "speakwell.example:8080", "--token", tokens.operator],
                ["batch", batch.manifest.path, "--out", batch.out.path, "--server", server],
                ["batch", withReference.path, "--out", batch.out.path, "--server", server, "--token", tokens.operator],
            ]
            // No SPEAKWELL_TOKEN from the test's own environment: the run without --token must have none.
            let environment = ProcessInfo.processInfo.environment.filter { $0.key != "SPEAKWELL_TOKEN" }
            let results = try await onDedicatedThread {
                try runs.map { try CommandRunner.run("speakwell", $0, environment: environment, timeoutSeconds: 60) }
            }
            // Refused before anything was made on the service.
            #expect(try await harness.environment.store.batches(operatorID: nil).isEmpty)
            return results
        }
        let expected: [(exitCode: Int32, says: String)] = [
            (1, "unauthorized: http://127.0.0.1"), (1, "forbidden:"), (1, "a teacher may not do this"),
            (2, "is not a service URL: it must start with http:// or https://"), (2, "needs an operator or admin token"),
            (1, "referencesNeedExercise: item \"a\" names reference recordings"),
        ]
        for (result, expectation) in zip(results, expected) {
            #expect(result.exitCode == expectation.exitCode, "\(result.standardError)")
            #expect(result.standardError.contains(expectation.says), "\(result.standardError)")
        }
        // Refused before anything was written: no result lines.
        let ledger = (try? String(contentsOf: batch.output("results.jsonl"), encoding: .utf8)) ?? ""
        #expect(ledger.isEmpty, "\(ledger)")
    }

    /// Killed with SIGKILL twice, while uploading and while collecting results, then run to the end: every
    /// item once in the outputs, one service batch with one job per item, and no accepted recording sent again.
    /// Results are read two per page, so every fetch follows the results cursor across pages, and each run
    /// starts its cursor afresh. On a service over SQLite and over PostgreSQL (scripts/with-postgres).
    @Test(arguments: ServiceBackend.allCases)
    func killedServerBatchResumesWithEveryItemOnceAndUploadsNothingTwice(_ backend: ServiceBackend) async throws {
        guard try backend.isAvailable else { return }
        let harness = try await ServerHarness.make(on: backend)
        let batch = try makeBatch(goodCount: 14, exercise: harness.demo.exerciseID, jsonLines: false)
        defer { try? FileManager.default.removeItem(at: batch.folder) }
        let token = harness.token(.operator), exercise = harness.demo.exerciseID
        let journal = batch.output("uploads.jsonl"), results = batch.output("results.jsonl")

        struct Observations: Sendable {
            var runningAtKill: [Bool] = []
            var linesAtKill: [Int] = []
            var journalBeforeLastRun = 0
            var last: CommandResult?
            var serviceBatches: [Batch] = []
            var serviceItems: [BatchItem] = []
        }
        let observations = try await harness.test(.live) { client in
            // One upload at a time, so the first kill lands among the uploads.
            let arguments = self.arguments(batch, port: client.port!, token: token, extra: ["--exercise", exercise, "--jobs", "1", "--results-page", "2"])
            var observations = try await onDedicatedThread {
                var observations = Observations()
                for (file, lines) in [(journal, 2), (results, 3)] {
                    let before = lineCount(of: file)
                    let process = try CommandRunner.launch("speakwell", arguments)
                    let deadline = Date().addingTimeInterval(120)
                    while lineCount(of: file) < before + lines, process.isRunning, Date() < deadline { usleep(2_000) }
                    observations.runningAtKill.append(process.isRunning)
                    process.stop(signal: SIGKILL, waitingAtMost: 10)
                    observations.linesAtKill.append(lineCount(of: file))
                }
                observations.journalBeforeLastRun = lineCount(of: journal)
                observations.last = try CommandRunner.run("speakwell", arguments, timeoutSeconds: 300)
                return observations
            }
            observations.serviceBatches = try await harness.environment.store.batches(operatorID: nil)
            if let first = observations.serviceBatches.first {
                observations.serviceItems = try await harness.environment.store.batchItems(batchID: first.id)
            }
            return observations
        }
        #expect(observations.runningAtKill == [true, true], "the batch ended before a kill; make it longer")
        #expect(observations.linesAtKill[0] < batch.good.count, "the first kill came after the uploads: \(observations.linesAtKill)")
        let last = try #require(observations.last)
        #expect(last.exitCode == 0, "\(last.standardError)")
        try expectEveryItemOnce(batch)

        // The last run sent only what the service had not accepted (a kill between the service's 202 and
        // the journal line may leave one item to send again; the service then answers with the item it has).
        let notYetAccepted = batch.good.count - observations.journalBeforeLastRun
        #expect(last.standardError.contains("\(notYetAccepted) recordings uploaded now, "), "\(last.standardError)")
        let journalIDs = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String
        }
        #expect(journalIDs.count == batch.good.count && Set(journalIDs).count == batch.good.count)

        // One service batch for the three runs, one item and one job per good recording.
        #expect(observations.serviceBatches.count == 1)
        let items = observations.serviceItems
        #expect(items.count == batch.good.count)
        #expect(Set(items.map(\.jobID)).count == batch.good.count)
        #expect(Set(items.map(\.itemID)) == Set(batch.good.keys))
    }
}
