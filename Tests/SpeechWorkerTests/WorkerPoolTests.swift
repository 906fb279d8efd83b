import Foundation
import Logging
import ServiceLifecycle
import SpeechQueue
import SpeechQueueSQLite
import SpeechTestSupport
import SpeechWorker
import Testing

/// The pool against a real SQLite queue and recording store, on real fixtures.
@Suite struct WorkerPoolTests {
    struct Setup {
        let queue: SQLiteJobQueue
        let recordings: RecordingStore
        let directory: URL

        static func make() throws -> Setup {
            let directory = TestScratch.url("speakwell-worker")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = QueueConfiguration()
            configuration.pollInterval = .milliseconds(50)
            // The product's lease: these tests expect one attempt per job, and in a full parallel test run the
            // heartbeat task can wait seconds for a cooperative thread (a 3 s lease once expired there and the job
            // ran twice). Expiry and reclaim are the queue conformance suite's and the crash test's to check.
            configuration.leaseDuration = .seconds(30)
            return Setup(queue: try SQLiteJobQueue(path: directory.appendingPathComponent("queue.sqlite").path, configuration: configuration),
                         recordings: try RecordingStore(directory: directory.appendingPathComponent("recordings").path),
                         directory: directory)
        }

        func enqueue(_ fixture: String) async throws -> JobID {
            let digest = try recordings.store(try Data(contentsOf: Fixtures.audio(fixture)))
            return try await queue.enqueue(JobRequest(payload: AnalysisJobPayload(recording: digest).encoded())).jobID
        }

        /// Runs the pool while `body` runs, then shuts it down gracefully.
        func withPool<T: Sendable>(workers: Int = 2, grace: Duration = .seconds(5), _ body: () async throws -> T) async throws -> T {
            var configuration = WorkerPoolConfiguration()
            configuration.workerCount = workers
            configuration.shutdownGracePeriod = grace
            let pool = WorkerPool(queue: queue, recordings: recordings, configuration: configuration)
            let group = ServiceGroup(configuration: .init(services: [.init(service: pool)], logger: Logger(label: "test")))
            let running = Task { try await group.run() }
            do {
                let value = try await body()
                await group.triggerGracefulShutdown()
                try await running.value
                return value
            } catch {
                await group.triggerGracefulShutdown()
                _ = try? await running.value
                throw error
            }
        }

        func cleanUp() async {
            await queue.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func queuedRecordingIsAnalysedAndItsResultStoredWithTheJob() async throws {
        let setup = try Setup.make()
        let truth = try FixtureTruth.load("sentences/s03.truth.json")
        let id = try await setup.enqueue("sentences/s03.wav")
        let record = try await setup.withPool {
            try await setup.queue.waitForFinish(id, timeout: .seconds(30))
        }
        #expect(record?.state == .succeeded)
        #expect(record?.attempts == 1)
        let result = try #require(record?.result)
        let document = try #require(try JSONSerialization.jsonObject(with: result) as? [String: Any])
        #expect(document["schema"] as? String == "speakwell.result/1")
        let audio = try #require(document["audio"] as? [String: Any])
        #expect(abs((audio["duration_s"] as? Double ?? 0) - (truth.durationSeconds ?? -1)) < 0.001)
        await setup.cleanUp()
    }

    /// A text-only exercise through the queue: the job carries the prompt and no model recording, and the
    /// result is scored against synthetic references (espeak-ng voices), word by word.
    @Test func promptTextWithoutReferencesIsScoredAgainstSyntheticVoices() async throws {
        let setup = try Setup.make()
        let digest = try setup.recordings.store(try Data(contentsOf: URL(fileURLWithPath: PronunciationFixtures.path("learner-correct.wav"))))
        let payload = AnalysisJobPayload(recording: digest, promptText: "The thin man thought about the three big ships.")
        let id = try await setup.queue.enqueue(JobRequest(payload: payload.encoded())).jobID
        let record = try await setup.withPool { try await setup.queue.waitForFinish(id, timeout: .seconds(60)) }
        #expect(record?.state == .succeeded, "\(String(describing: record?.lastError))")
        let result = try #require(record?.result)
        let document = try #require(try JSONSerialization.jsonObject(with: result) as? [String: Any])
        let pronunciation = try #require(document["pronunciation"] as? [String: Any])
        #expect(pronunciation["reference_kind"] as? String == "synthetic")
        #expect((pronunciation["words"] as? [Any])?.isEmpty == false)
        await setup.cleanUp()
    }

    /// Bad input is not retried: the job ends failed on its first attempt with the DecodeError code of its truth.
    @Test(arguments: ["too-short.wav", "silence-digital.wav", "not-audio.wav", "truncated.flac"])
    func badRecordingFailsOnceWithItsDecodeErrorCode(_ fixture: String) async throws {
        let setup = try Setup.make()
        let expected = try #require(try FixtureTruth.load("bad/\(fixture).truth.json").expectedError)
        let id = try await setup.enqueue("bad/\(fixture)")
        let record = try await setup.withPool { try await setup.queue.waitForFinish(id, timeout: .seconds(30)) }
        #expect(record?.state == .failed)
        #expect(record?.attempts == 1)
        #expect(record?.lastError?.code == expected)
        await setup.cleanUp()
    }

    @Test func recordingMissingFromTheStoreFailsWithoutRetry() async throws {
        let setup = try Setup.make()
        let absent = RecordingStore.digest(of: Data("never stored".utf8))
        let id = try await setup.queue.enqueue(JobRequest(payload: AnalysisJobPayload(recording: absent).encoded())).jobID
        let record = try await setup.withPool { try await setup.queue.waitForFinish(id, timeout: .seconds(30)) }
        #expect(record?.state == .failed)
        #expect(record?.lastError?.code == "recording_not_found")
        await setup.cleanUp()
    }

    @Test func payloadThatIsNotAJobDocumentFailsWithoutRetry() async throws {
        let setup = try Setup.make()
        let id = try await setup.queue.enqueue(JobRequest(payload: Data("{\"hello\":1}".utf8))).jobID
        let record = try await setup.withPool { try await setup.queue.waitForFinish(id, timeout: .seconds(30)) }
        #expect(record?.state == .failed)
        #expect(record?.lastError?.code == "invalid_payload")
        await setup.cleanUp()
    }

    /// Many jobs through few threads: every one succeeds exactly once (one attempt each).
    @Test func manyJobsThroughTwoThreadsAllSucceedOnce() async throws {
        let setup = try Setup.make()
        var ids: [JobID] = []
        for index in 0..<24 { ids.append(try await setup.enqueue("sentences/s0\(index % 8 + 1).wav")) }
        let records = try await setup.withPool(workers: 2) {
            var records: [JobRecord?] = []
            for id in ids { records.append(try await setup.queue.waitForFinish(id, timeout: .seconds(60))) }
            return records
        }
        #expect(records.allSatisfy { $0?.state == .succeeded && $0?.attempts == 1 })
        await setup.cleanUp()
    }

    /// After a graceful shutdown no job is left running: each is finished or back in the queue, and a
    /// handed-back job has not used up an attempt.
    @Test func gracefulShutdownLeavesNoJobRunning() async throws {
        let setup = try Setup.make()
        var ids: [JobID] = []
        for index in 0..<16 { ids.append(try await setup.enqueue("sentences/s0\(index % 8 + 1).wav")) }
        try await setup.withPool(workers: 2, grace: .zero) {
            try await Task.sleep(for: .milliseconds(30))
        }
        let stats = try await setup.queue.stats()
        #expect(stats.counts[.running] == 0)
        #expect((stats.counts[.succeeded] ?? 0) + (stats.counts[.queued] ?? 0) == ids.count)
        for id in ids {
            let record = try #require(try await setup.queue.job(id))
            if record.state == .queued { #expect(record.attempts == 0) }
        }
        await setup.cleanUp()
    }
}
