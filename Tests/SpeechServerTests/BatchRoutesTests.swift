import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechQueue
import SpeechServer
import SpeechTestSupport
import Testing

/// An operator's batch over HTTP: create, upload items (one bad, one sent twice), follow the progress
/// until every item finished, read the results as JSON Lines, whole and page by page through the cursor.
/// On SQLite and on PostgreSQL.
@Suite struct BatchRoutesTests {
    @Test(arguments: ServiceBackend.allCases)
    func operatorScoresABatchAndReadsItsResults(_ backend: ServiceBackend) async throws {
        guard try backend.isAvailable else { return }
        let harness = try await ServerHarness.make(on: backend)
        let token = harness.token(.operator)
        try await harness.test { client in
            let created = try await client.execute(
                uri: "/api/v1/batches", method: .post, headers: Client.auth(token, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"name":"Sitting 7","exercise_id":"\#(harness.demo.exerciseID)"}"#))
            #expect(created.status == .created)
            let batchID = try #require(try Client.json(created)["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/batches/\(batchID)")

            func put(_ item: String, _ fixture: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/batches/\(batchID)/items/\(item)", method: .put,
                                         headers: Client.auth(token, [.contentType: "audio/wav"]), body: try Client.wav(fixture))
            }
            let first = try await put("cand-001", "sentences/s01.wav")
            #expect(first.status == .accepted)
            #expect(try await put("cand-002", "sentences/s02.wav").status == .accepted)
            let again = try await put("cand-001", "sentences/s01.wav")
            #expect(try Client.json(again)["job_id"] as? String == Client.json(first)["job_id"] as? String,
                    "sending an item again must not make a second job")
            let bad = try await put("cand-003", "bad/too-short.wav")
            #expect(bad.status == .unprocessableContent)
            #expect(Client.errorCode(bad) == "tooShort")
            #expect(try await put("bad id!", "sentences/s01.wav").status == .badRequest)

            // Items run at batch priority.
            let jobID = try #require(JobID(try Client.json(first)["job_id"] as? String ?? ""))
            #expect(try await harness.environment.queue.job(jobID)?.priority == .batch)

            var progress: [String: Any] = [:]
            let deadline = ContinuousClock.now + .seconds(90)
            repeat {
                progress = try Client.json(try await client.execute(uri: "/api/v1/batches/\(batchID)", method: .get,
                                                                    headers: Client.auth(token)))
                if progress["finished"] as? Int == 2 { break }
                try await Task.sleep(for: .milliseconds(200))
            } while ContinuousClock.now < deadline
            #expect(progress["items"] as? Int == 2, "the refused upload is not an item")
            #expect((progress["states"] as? [String: Int])?["succeeded"] == 2, "\(progress)")
            let truth = try FixtureTruth.load("sentences/s01.truth.json").durationSeconds ?? 0
            #expect((progress["audio_s"] as? Double ?? 0) > truth)

            let results = try await client.execute(uri: "/api/v1/batches/\(batchID)/results", method: .get, headers: Client.auth(token))
            #expect(results.status == .ok)
            #expect(results.headers[.contentType] == "application/x-ndjson")
            let lines = String(buffer: results.body).split(separator: "\n")
            let documents = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(documents.compactMap { $0["id"] as? String } == ["cand-001", "cand-002"])
            #expect(documents.allSatisfy { $0["schema"] as? String == "speakwell.result/1" })

            // The cursor: one item per page, each exactly once, then the end; a bad limit is a typed 400.
            var pages = [String](), after = "0", state = ""
            for _ in 0..<4 where state != "end" {
                let page = try await client.execute(uri: "/api/v1/batches/\(batchID)/results?after=\(after)&limit=1", method: .get,
                                                    headers: Client.auth(token))
                #expect(page.status == .ok)
                pages += String(buffer: page.body).split(separator: "\n").map {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String ?? "?"
                }
                after = try #require(page.headers[HTTPField.Name("Speakwell-Next-Cursor")!])
                state = try #require(page.headers[HTTPField.Name("Speakwell-Results")!])
            }
            #expect(pages == ["cand-001", "cand-002"])
            #expect(state == "end")
            let refused = try await client.execute(uri: "/api/v1/batches/\(batchID)/results?after=0&limit=0", method: .get,
                                                   headers: Client.auth(token))
            #expect(refused.status == .badRequest)
            #expect(Client.errorCode(refused) == "bad_request")

            let listed = try Client.json(try await client.execute(uri: "/api/v1/batches", method: .get, headers: Client.auth(token)))
            #expect((listed["batches"] as? [[String: Any]])?.map { $0["id"] as? String } == [batchID])

            // Progress is counted, not listed. A job of the batch without an item (an upload that died between
            // queueing and storing) is not shown; finished jobs pruned past retention show as pruned items.
            let queue = harness.environment.queue
            let orphan = try await queue.enqueue(JobRequest(payload: Data(), metadata: ["batch": batchID], priority: .batch))
            _ = try await queue.waitForFinish(orphan.jobID, timeout: .seconds(30))
            func show() async throws -> [String: Any] {
                try Client.json(try await client.execute(uri: "/api/v1/batches/\(batchID)", method: .get, headers: Client.auth(token)))
            }
            let withOrphan = try await show()
            #expect(withOrphan["items"] as? Int == 2 && withOrphan["finished"] as? Int == 2, "\(withOrphan)")
            #expect((withOrphan["states"] as? [String: Int])?.filter { $0.value > 0 } == ["succeeded": 2], "\(withOrphan)")
            _ = try await queue.prune(finishedBefore: QueueTime(Date().addingTimeInterval(3600)))
            let pruned = try await show()
            #expect(pruned["items"] as? Int == 2 && pruned["finished"] as? Int == 2, "\(pruned)")
            #expect((pruned["states"] as? [String: Int])?.filter { $0.value > 0 } == ["pruned": 2], "\(pruned)")
            #expect((pruned["audio_s"] as? Double ?? 0) == (progress["audio_s"] as? Double ?? -1))
        }
    }
}
