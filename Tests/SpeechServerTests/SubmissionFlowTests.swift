import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechQueue
import SpeechServer
import SpeechTestSupport
import Testing

/// The core path: upload -> stored durably -> 202 -> worker -> result document, and bad input refused early.
@Suite struct SubmissionFlowTests {
    @Test(arguments: ServiceBackend.allCases)
    func uploadIsStoredThenAnalysedAndTheResultIsTheResultDocument(_ backend: ServiceBackend) async throws {
        guard try backend.isAvailable else { return }
        let harness = try await ServerHarness.make(on: backend)
        let truth = try FixtureTruth.load("sentences/s01.truth.json")
        let bytes = try Data(contentsOf: Fixtures.audio("sentences/s01.wav"))
        try await harness.test { client in
            let response = try await Client.upload(client, exercise: harness.demo.exerciseID, token: harness.token(.student),
                                                   body: ByteBuffer(data: bytes))
            #expect(response.status == .accepted)
            let receipt = try Client.json(response)
            let id = try #require(receipt["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/submissions/\(id)")
            #expect(JobID(receipt["job_id"] as? String ?? "") != nil)
            // Durable before the 202: the bytes are in the store under their SHA-256.
            let digest = RecordingStore.digest(of: bytes)
            #expect(try harness.environment.recordings.read(digest) == bytes)

            let result = try await client.execute(uri: "/api/v1/submissions/\(id)/result?wait=30", method: .get,
                                                  headers: Client.auth(harness.token(.student)))
            #expect(result.status == .ok)
            let document = try Client.json(result)
            #expect(document["schema"] as? String == "speakwell.result/1")
            let audio = try #require(document["audio"] as? [String: Any])
            let duration = try #require(audio["duration_s"] as? Double)
            #expect(abs(duration - (truth.durationSeconds ?? 0)) < 0.001)

            let status = try Client.json(try await client.execute(uri: "/api/v1/submissions/\(id)", method: .get,
                                                                  headers: Client.auth(harness.token(.student))))
            #expect(status["state"] as? String == "succeeded")
            #expect(status["attempts"] as? Int == 1)
        }
    }

    @Test func uploadOverTheLimitIs413BeforeAnythingIsStored() async throws {
        let harness = try await ServerHarness.make { $0.uploadLimitBytes = 50_000 }
        let body = try Client.wav("sentences/s01.wav")
        #expect(body.readableBytes > 50_000)
        try await harness.test { client in
            let response = try await Client.upload(client, exercise: harness.demo.exerciseID, token: harness.token(.student), body: body)
            #expect(response.status == .contentTooLarge)
            #expect(Client.errorCode(response) == "payload_too_large")
            #expect(try await harness.environment.store.submissions(studentID: harness.demo.users[.student]!.id).isEmpty)
        }
    }

    @Test(arguments: ["audio/webm", "text/plain", "video/mp4"])
    func unsupportedMediaTypeIs415(_ contentType: String) async throws {
        let harness = try await ServerHarness.make()
        try await harness.test { client in
            let response = try await Client.upload(client, exercise: harness.demo.exerciseID, token: harness.token(.student),
                                                   body: try Client.wav("bad/speech.webm"), contentType: contentType)
            #expect(response.status == .unsupportedMediaType)
            #expect(Client.errorCode(response) == "unsupported_media_type")
        }
    }

    /// Every bad fixture is refused at upload with the code its truth file names; none reaches the queue.
    @Test(arguments: ["too-short.wav", "silence-digital.wav", "silence-noise-70dbfs.wav", "not-audio.wav",
                      "truncated.wav", "truncated.flac", "corrupt-header.wav", "empty.wav", "header-only.wav", "speech.webm"])
    func badRecordingIs422WithTheDecodeErrorCodeOfItsTruth(_ fixture: String) async throws {
        let truth = try FixtureTruth.load("bad/\(fixture).truth.json")
        let expected = try #require(truth.expectedError)
        let harness = try await ServerHarness.make()
        try await harness.test { client in
            let response = try await Client.upload(client, exercise: harness.demo.exerciseID, token: harness.token(.student),
                                                   body: try Client.wav("bad/\(fixture)"), contentType: "application/octet-stream")
            #expect(response.status == .unprocessableContent, "\(fixture)")
            #expect(Client.errorCode(response) == expected, "\(fixture)")
            #expect(try await harness.environment.queue.stats().counts.values.reduce(0, +) == 0)
        }
    }

    @Test(arguments: ServiceBackend.allCases)
    func sameIdempotencyKeyReturnsTheFirstSubmission(_ backend: ServiceBackend) async throws {
        guard try backend.isAvailable else { return }
        let harness = try await ServerHarness.make(on: backend) { $0.runWorkers = false }
        try await harness.test { client in
            let body = try Client.wav("sentences/s02.wav")
            let first = try Client.json(try await Client.upload(client, exercise: harness.demo.exerciseID,
                                                                token: harness.token(.student), body: body, key: "attempt-1"))
            let second = try Client.json(try await Client.upload(client, exercise: harness.demo.exerciseID,
                                                                 token: harness.token(.student), body: body, key: "attempt-1"))
            #expect(first["id"] as? String == second["id"] as? String)
            #expect(first["job_id"] as? String == second["job_id"] as? String)
            #expect(try await harness.environment.queue.stats().counts[.queued] == 1)
        }
    }

    @Test func resultIs202WithTheStateWhileQueued() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        try await harness.test { client in
            let receipt = try Client.json(try await Client.upload(client, exercise: harness.demo.exerciseID,
                                                                  token: harness.token(.student), body: try Client.wav("sentences/s01.wav")))
            let id = try #require(receipt["id"] as? String)
            let started = ContinuousClock.now
            let response = try await client.execute(uri: "/api/v1/submissions/\(id)/result?wait=0.3", method: .get,
                                                    headers: Client.auth(harness.token(.student)))
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            #expect(response.status == .accepted)
            #expect(try Client.json(response)["state"] as? String == "queued")
        }
    }
}
