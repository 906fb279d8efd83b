import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// `ResultDocument.jsonData()` writes the pitch arrays itself; it must stay byte-for-byte JSONEncoder's output.
@Suite("ResultDocument JSON")
struct ResultDocumentJSONTests {
    func genericJSON(_ document: ResultDocument) throws -> Data {
        try ResultDocument.encoder(pretty: false).encode(document)
    }

    @Test func compactFormEqualsJSONEncoderOnAFullAnalysis() throws {
        let learner = try AudioDecoder().decode(path: Fixtures.audio("pronunciation/learner-errors.wav").path)
        let referencePath = Fixtures.audio("pronunciation/ref-f2.wav").path
        let reference = try AudioDecoder().decode(path: referencePath)
        let words = try ReferenceWordsSidecar.load(forReference: referencePath, durationSeconds: reference.durationSeconds)
        let request = AnalysisRequest(references: [ReferenceRecording(name: "ref-f2", samples: reference.samples,
                                                                      sampleRateHz: reference.sampleRateHz, words: words)])
        let document = SpeechAnalyzer().analyze(learner, request: request)
        let pitch = try #require(document.pitch)
        #expect(pitch.f0Hz.contains(nil) && pitch.f0Hz.contains { $0 != nil }, "needs voiced and unvoiced frames")
        #expect(document.pronunciation != nil && document.fluency != nil)
        let fast = try document.jsonData()
        #expect(fast == (try genericJSON(document)))
        #expect(try ResultDocument.decode(json: fast) == document)
    }

    @Test func keysInsideStringsAndNestedObjectsDoNotMoveThePitchSection() throws {
        let audio = try AudioDecoder().decode(path: Fixtures.audio("pronunciation/learner-correct.wav").path)
        var document = SpeechAnalyzer().analyze(audio, request: AnalysisRequest(sections: [.pitch]))
        // A warning that looks like keys, braces and an escaped quote, sorted before and after "pitch".
        document.audio.warnings = ["\"pitch\":{\"a\":[1]}, \"zzz\": \\\" }", "{\"pronunciation\":null}"]
        document.pitch?.f0Hz[0] = 100          // whole numbers are written without ".0", as JSONEncoder does
        document.pitch?.voicing[0] = 1
        let fast = try document.jsonData()
        #expect(fast == (try genericJSON(document)))
        document.pitch = nil
        #expect(try document.jsonData() == (try genericJSON(document)))
    }
}
