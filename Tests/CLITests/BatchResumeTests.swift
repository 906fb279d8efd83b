import Foundation
import SpeechTestSupport
import Testing

/// `speakwell batch` killed with SIGKILL mid-run and started again must finish every item exactly once,
/// on the embedded SQLite queue and on a real PostgreSQL (scripts/with-postgres).
@Suite(.serialized) struct BatchResumeTests {
    static let goodFixtures = ["sentences/s01.wav", "sentences/s02.wav", "sentences/s03.wav", "sentences/s05.wav",
                               "sentences/s07.wav", "passage/passage.wav", "real/librivox-0880.wav"]

    /// A manifest of `count` good items (scored against a reference with a words sidecar) and two bad ones.
    func makeBatch(count: Int) throws -> (manifest: URL, out: URL, ids: Set<String>) {
        let folder = TestScratch.url("batch")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = ["id,audio,reference"]
        let reference = Fixtures.audio("pronunciation/ref-f2.wav").path
        for index in 0..<count {
            let fixture = Self.goodFixtures[index % Self.goodFixtures.count]
            lines.append("item-\(index),\(Fixtures.audio(fixture).path),\(reference)")
        }
        lines.append("bad-short,\(Fixtures.audio("bad/too-short.wav").path),")
        lines.append("bad-missing,does/not/exist.wav,")
        let manifest = folder.appendingPathComponent("manifest.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        let ids = Set((0..<count).map { "item-\($0)" } + ["bad-short", "bad-missing"])
        return (manifest, folder.appendingPathComponent("out"), ids)
    }

    /// What the kill and the second run left, checked by the test in its own task.
    struct Observations: Sendable {
        var runningAtKill = false
        var killed = false
        var writtenBeforeKill = 0
        var second: CommandResult?
    }

    func killAndResume(_ arguments: [String], results: URL) throws -> Observations {
        var observations = Observations()
        // First run: killed with SIGKILL once some results are written.
        let process = try CommandRunner.launch("speakwell", arguments)
        let deadline = Date().addingTimeInterval(120)
        while lineCount(of: results) < 10, process.isRunning, Date() < deadline { usleep(20_000) }
        observations.runningAtKill = process.isRunning
        observations.killed = process.stop(signal: SIGKILL, waitingAtMost: 10)
        observations.writtenBeforeKill = lineCount(of: results)
        // Second run: the same command finishes the batch.
        observations.second = try CommandRunner.run("speakwell", arguments, timeoutSeconds: 300)
        return observations
    }

    func killAndResume(database: String?) async throws {
        let batch = try makeBatch(count: 80)
        var arguments = ["batch", batch.manifest.path, "--out", batch.out.path, "--workers", "2"]
        if let database { arguments += ["--database", database] }
        let results = batch.out.appendingPathComponent("results.jsonl")
        let observations = try await onDedicatedThread { [arguments] in try self.killAndResume(arguments, results: results) }

        #expect(observations.runningAtKill, "the batch finished before it could be killed; make it longer")
        #expect(observations.killed)
        #expect(observations.writtenBeforeKill >= 10 && observations.writtenBeforeKill < batch.ids.count)
        let second = try #require(observations.second)
        #expect(second.exitCode == 0, "\(second.standardError)")
        #expect(second.standardError.contains("already done before"))

        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        let ids = try lines.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? String)
        }
        #expect(ids.count == batch.ids.count, "every item exactly once: \(ids.count) lines for \(batch.ids.count) items")
        #expect(Set(ids) == batch.ids)

        let errors = try String(contentsOf: batch.out.appendingPathComponent("errors.csv"), encoding: .utf8)
        #expect(errors.contains("bad-short,tooShort,"))
        #expect(errors.contains("bad-missing,unreadable,"))
        #expect(errors.split(separator: "\n").count == 3)
        let table = try String(contentsOf: batch.out.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(table.split(separator: "\n").count == batch.ids.count + 1)
        #expect(table.contains("item-0,succeeded,,"))
    }

    @Test func killedBatchResumesOnSQLiteWithEveryItemOnce() async throws {
        try await killAndResume(database: nil)
    }

    @Test func killedBatchResumesOnPostgreSQLWithEveryItemOnce() async throws {
        guard let base = try PostgresTestDatabase.baseURL() else { return }
        // Its own database: workers of another test running beside this one must not claim these jobs.
        let url = try PostgresTestDatabase.create(from: base, prefix: "batch")
        try await killAndResume(database: url)
    }
}
