import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechServer
import SpeechTestSupport
import Testing

/// A teacher adds a model recording without word timings: the service finds them from the prompt text and
/// shows them with the exercise, close to the recording's true word timings.
@Suite struct ExerciseAlignmentTests {
    struct TrueWord: Decodable {
        let word: String
        let start_s: Double
    }

    @Test func modelRecordingWithoutTimingsIsAlignedToThePrompt() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        let teacher = harness.token(.teacher)
        let truth = try JSONDecoder().decode([TrueWord].self, from: Data(contentsOf: URL(fileURLWithPath: PronunciationFixtures.path("ref-f2.words.json"))))
        try await harness.test { client in
            let created = try Client.json(try await client.execute(
                uri: "/api/v1/classes/\(harness.demo.classID)/exercises", method: .post,
                headers: Client.auth(teacher, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"title":"Ships","prompt_text":"The thin man thought about the three big ships."}"#)))
            let exercise = try #require(created["id"] as? String)
            let added = try await client.execute(
                uri: "/api/v1/exercises/\(exercise)/references", method: .post, headers: Client.auth(teacher, [.contentType: "audio/wav"]),
                body: ByteBuffer(data: try Data(contentsOf: URL(fileURLWithPath: PronunciationFixtures.path("ref-f2.wav")))))
            #expect(added.status == .created)
            let references = try #require(try Client.json(added)["references"] as? [[String: Any]])
            let reference = try #require(references.first)
            #expect(reference["words_source"] as? String == "aligned")
            let words = try #require(reference["words"] as? [[String: Any]])
            #expect(words.map { ($0["word"] as? String)?.lowercased() } == truth.map { $0.word.lowercased() }, "\(words)")
            // The bench's tolerance (docs/pronunciation.md): median boundary error well under 100 ms.
            let errors = zip(words, truth).compactMap { pair -> Double? in
                (pair.0["start_s"] as? Double).map { abs($0 - pair.1.start_s) }
            }
            #expect(errors.count == truth.count)
            let median = errors.sorted()[errors.count / 2]
            #expect(median < 0.1, "median word start error \(median) s")

            // The teacher's exercise page draws each boundary on the model's waveform and says where they came from.
            let page = try await client.execute(uri: "/exercises/\(exercise)", method: .get, headers: Client.auth(teacher))
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("found from the prompt text"))
            #expect(html.components(separatedBy: "class=\"word\"").count - 1 == truth.count)
        }
    }
}
