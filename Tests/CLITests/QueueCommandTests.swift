import Foundation
import SpeechTestSupport
import Testing

/// `speakwell submit`, `status` and `queue stats` with a real `speakwell worker` process, on the embedded
/// SQLite queue and on a real PostgreSQL (scripts/with-postgres; a fresh database per test). Every child
/// process is bounded in time; the blocking waits run on dedicated threads.
@Suite(.serialized) struct QueueCommandTests {
    static let schema = try! JSONSchemaValidator(schemaURL: Fixtures.docs("result-schema.json"))

    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A scratch folder (the children's working directory, so ./speakwell-data lands in it) and a database
    /// named the way a user would: for SQLite only the file, so `submit` and `worker` must agree on where
    /// recordings go without being told. Nil when PostgreSQL is not available outside CI.
    struct Place {
        let folder: URL
        let database: String

        init?(_ backend: Backend) throws {
            folder = TestScratch.url("queue-cli")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            switch backend {
            case .sqlite:
                database = "sqlite:\(folder.path)/data/speakwell.sqlite"
            case .postgres:
                guard let base = try PostgresTestDatabase.baseURL() else { return nil }
                database = try PostgresTestDatabase.create(from: base, prefix: "cli")
            }
        }

        func speakwell(_ arguments: [String], timeoutSeconds: Double = 60) throws -> CommandResult {
            try CommandRunner.run("speakwell", arguments + ["--database", database], directory: folder,
                                  timeoutSeconds: timeoutSeconds)
        }

        func submit(_ fixture: String, _ extra: [String] = []) throws -> CommandResult {
            try speakwell(["submit", Fixtures.audio(fixture).path] + extra)
        }

        func json(_ result: CommandResult) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                         "not one JSON object: \(result.standardOutput) \(result.standardError)")
        }

        func stats() throws -> (counts: [String: Int], oldestQueuedAge: Double?) {
            let result = try speakwell(["queue", "stats", "--format", "json"])
            #expect(result.exitCode == 0, "\(result.standardError)")
            let object = try json(result)
            let counts = try #require(object["counts"] as? [String: Int])
            #expect(object.keys.contains("oldest_queued_age_s"))
            return (counts, object["oldest_queued_age_s"] as? Double)
        }

        /// Every recording file in the store (tmp/ excluded).
        func storedRecordings() throws -> [String] {
            let root = recordingsFolder
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
            return walker.compactMap { $0 as? String }.filter { $0.count == 67 && !$0.hasPrefix("tmp/") }
        }

        /// Where `worker` looks by default: next to the SQLite file, else ./speakwell-data/recordings.
        var recordingsFolder: URL {
            database.hasPrefix("sqlite:") ? folder.appendingPathComponent("data/recordings")
                                          : folder.appendingPathComponent("speakwell-data/recordings")
        }
    }

    static func isJobID(_ text: String) -> Bool {
        UUID(uuidString: text) != nil && text == text.lowercased()
    }

    @Test(arguments: Backend.allCases)
    func submittedRecordingIsAnalysedByAWorkerAndStatusWaitsForItsResult(_ backend: Backend) async throws {
        guard let place = try Place(backend) else { return }
        try await onDedicatedThread {
            let submitted = try place.submit("pronunciation/learner-errors.wav",
                                             ["--reference", Fixtures.audio("pronunciation/ref-f2.wav").path])
            #expect(submitted.exitCode == 0, "\(submitted.standardError)")
            let id = submitted.standardOutput.trimmingCharacters(in: .newlines)
            #expect(Self.isJobID(id) && submitted.standardOutput == id + "\n", "stdout must be the job id alone: \(submitted.standardOutput)")

            // Acknowledged means stored: the recording and the reference are in the store before any worker ran.
            #expect(try place.storedRecordings().count == 2)
            let queuedStatus = try place.speakwell(["status", id, "--format", "json"])
            #expect(queuedStatus.standardOutput.hasPrefix("{\"id\":\"\(id)\",\"state\":"), "keys in the documented order")
            let queued = try place.json(queuedStatus)
            #expect(queued["state"] as? String == "queued")
            #expect(queued["attempts"] as? Int == 0)
            #expect(queued["error"] is NSNull && queued["result"] is NSNull)
            #expect(Set(queued.keys) == ["id", "state", "attempts", "error", "result"])

            // Same database, no --recordings: the worker must find what submit stored.
            let worker = try CommandRunner.launch("speakwell", ["worker", "--database", place.database, "--workers", "1"],
                                                  directory: place.folder,
                                                  log: place.folder.appendingPathComponent("worker.log"))
            defer { worker.stop(signal: SIGKILL) }
            let started = Date()
            let waited = try place.speakwell(["status", id, "--wait", "90", "--format", "json"], timeoutSeconds: 120)
            #expect(waited.exitCode == 0, "\(waited.standardError)")
            let status = try place.json(waited)
            let log = (try? String(contentsOf: place.folder.appendingPathComponent("worker.log"), encoding: .utf8)) ?? ""
            #expect(status["state"] as? String == "succeeded", "after \(Date().timeIntervalSince(started)) s: \(status); worker log:\n\(log)")
            #expect(status["id"] as? String == id)
            #expect(status["attempts"] as? Int == 1)
            #expect(status["error"] is NSNull)
            let result = try #require(status["result"] as? [String: Any])
            let violations = try Self.schema.violations(of: try JSONSerialization.data(withJSONObject: result))
            #expect(violations.isEmpty, "\(violations)")
            #expect(result["schema"] as? String == "speakwell.result/1")
            let words = (result["pronunciation"] as? [String: Any])?["words"] as? [[String: Any]]
            #expect((words?.count ?? 0) > 0, "the reference and its words sidecar must have reached the worker")

            let table = try place.speakwell(["status", id])
            #expect(table.exitCode == 0)
            #expect(table.standardOutput.hasPrefix("job \(id): succeeded"))
            #expect(table.standardOutput.contains("speech rate"), "the table shows the result: \(table.standardOutput)")

            let stats = try place.stats()
            #expect(stats.counts == ["queued": 0, "running": 0, "succeeded": 1, "failed": 0, "dead": 0, "cancelled": 0])
            #expect(stats.oldestQueuedAge == nil)

            // SIGTERM with nothing in flight: the worker stops promptly.
            #expect(worker.stop(signal: SIGTERM, waitingAtMost: 20), "the worker did not stop within 20 s of SIGTERM")
            #expect(worker.exitCode == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func sameIdempotencyKeyTwiceIsOneJob(_ backend: Backend) async throws {
        guard let place = try Place(backend) else { return }
        try await onDedicatedThread {
            let first = try place.submit("sentences/s01.wav", ["--key", "student-42/exercise-7"])
            let again = try place.submit("sentences/s01.wav", ["--key", "student-42/exercise-7", "--priority", "batch"])
            let other = try place.submit("sentences/s01.wav", ["--key", "student-43/exercise-7", "--priority", "batch"])
            for result in [first, again, other] { #expect(result.exitCode == 0, "\(result.standardError)") }
            #expect(Self.isJobID(first.standardOutput.trimmingCharacters(in: .newlines)))
            #expect(again.standardOutput == first.standardOutput)
            #expect(again.standardError.contains("already names job"))
            #expect(other.standardOutput != first.standardOutput)

            let stats = try place.stats()
            #expect(stats.counts["queued"] == 2, "one job per key: \(stats.counts)")
            #expect(stats.counts.values.reduce(0, +) == 2)
            let age = try #require(stats.oldestQueuedAge)
            #expect(age >= 0 && age < 60)
            let table = try place.speakwell(["queue", "stats"])
            #expect(table.standardOutput.contains("queued        2"), "\(table.standardOutput)")
        }
    }

    @Test(arguments: Backend.allCases)
    func undecodableRecordingIsRefusedWithItsCodeAndNothingIsEnqueued(_ backend: Backend) async throws {
        guard let place = try Place(backend) else { return }
        try await onDedicatedThread {
            #expect(try place.submit("sentences/s02.wav").exitCode == 0)
            let cases = [("bad/too-short.wav", "tooShort"), ("bad/empty.wav", "empty"), ("bad/not-audio.wav", "unsupportedContainer"),
                         ("bad/truncated.flac", "truncated")]
            for (fixture, code) in cases {
                let refused = try place.submit(fixture, ["--key", "bad-\(code)"])
                #expect(refused.exitCode == 1, "\(fixture): exit \(refused.exitCode) \(refused.standardError)")
                #expect(refused.standardOutput.isEmpty, "\(fixture): no job id may be printed")
                #expect(refused.standardError.contains(": \(code): "), "\(fixture): \(refused.standardError)")
            }
            // A bad reference refuses the whole submission too.
            let badReference = try place.submit("sentences/s03.wav", ["--reference", Fixtures.audio("bad/too-short.wav").path])
            #expect(badReference.exitCode == 1 && badReference.standardError.contains("tooShort"))
            let missing = try place.speakwell(["submit", place.folder.appendingPathComponent("nope.wav").path])
            #expect(missing.exitCode == 1 && missing.standardError.contains("unreadable"))

            #expect(try place.stats().counts["queued"] == 1, "only the good recording is queued")
            #expect(try place.storedRecordings().count == 1, "refused recordings are not stored")
        }
    }

    @Test(arguments: Backend.allCases)
    func statusOfAnUnknownJobIsAnErrorNamingIt(_ backend: Backend) async throws {
        guard let place = try Place(backend) else { return }
        try await onDedicatedThread {
            #expect(try place.submit("sentences/s01.wav").exitCode == 0)  // the database exists
            let unknown = UUID().uuidString.lowercased()
            let table = try place.speakwell(["status", unknown])
            #expect(table.exitCode == 1)
            #expect(table.standardError.contains("not_found") && table.standardError.contains(unknown), "\(table.standardError)")
            let json = try place.speakwell(["status", unknown, "--format", "json"])
            #expect(json.exitCode == 1)
            let error = try place.json(json)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "not_found")

            let notAnID = try place.speakwell(["status", "job-17"])
            #expect(notAnID.exitCode == 2, "a malformed id is a usage error: \(notAnID.standardError)")
        }
    }

    @Test func statusOnAMissingSQLiteFileSaysSoInsteadOfCreatingIt() async throws {
        let folder = TestScratch.url("queue-cli")
        let path = folder.appendingPathComponent("typo.sqlite").path
        try await onDedicatedThread {
            let result = try CommandRunner.run("speakwell", ["queue", "stats", "--database", "sqlite:\(path)"], timeoutSeconds: 60)
            #expect(result.exitCode == 1)
            #expect(result.standardError.contains("no queue database"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
