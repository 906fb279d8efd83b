import Foundation
import SpeechAnalysis
import SpeechTestSupport
import Testing

@Suite struct ReferenceWordsSidecarTests {
    func temporaryFolder() throws -> URL {
        let url = TestScratch.url("speakwell-sidecar")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func wordsJsonNextToTheReferenceIsPickedUp() throws {
        let words = try #require(try ReferenceWordsSidecar.load(forReference: PronunciationFixtures.path("ref-m1.wav"), durationSeconds: 10))
        #expect(words.map(\.word) == ["the", "thin", "man", "thought", "about", "the", "three", "big", "ships"])
        #expect(words.allSatisfy { $0.endSeconds > $0.startSeconds })
    }

    @Test func referenceWithoutSidecarHasNoWords() throws {
        let folder = try temporaryFolder()
        #expect(try ReferenceWordsSidecar.load(forReference: folder.appendingPathComponent("model.wav").path, durationSeconds: 3) == nil)
    }

    @Test func wordOutsideTheRecordingGivesInvalidSidecarError() throws {
        let folder = try temporaryFolder()
        try Data(#"[{"word":"hi","start_s":0.1,"end_s":9.0}]"#.utf8).write(to: folder.appendingPathComponent("model.words.json"))
        #expect {
            _ = try ReferenceWordsSidecar.load(forReference: folder.appendingPathComponent("model.wav").path, durationSeconds: 2)
        } throws: { ($0 as? PronunciationError)?.codeString == "reference_words_invalid" }
    }

    @Test func malformedJsonGivesInvalidSidecarError() throws {
        let folder = try temporaryFolder()
        try Data("{not json".utf8).write(to: folder.appendingPathComponent("model.words.json"))
        #expect {
            _ = try ReferenceWordsSidecar.load(forReference: folder.appendingPathComponent("model.wav").path, durationSeconds: 2)
        } throws: { ($0 as? PronunciationError)?.codeString == "reference_words_invalid" }
    }

    @Test func textGridWordsTierIsPickedUpWhenThereIsNoWordsJson() throws {
        let folder = try temporaryFolder()
        let grid = TextGrid(startSeconds: 0, endSeconds: 2, tiers: [
            .tiling(name: "syllables", start: 0, end: 2, labelled: []),
            .tiling(name: "words", start: 0, end: 2, labelled: [.init(startSeconds: 0.3, endSeconds: 0.7, text: "hello"),
                                                               .init(startSeconds: 0.8, endSeconds: 1.4, text: "world")]),
        ])
        try Data(TextGridWriter.text(of: grid).utf8).write(to: folder.appendingPathComponent("model.TextGrid"))
        let words = try #require(try ReferenceWordsSidecar.load(forReference: folder.appendingPathComponent("model.wav").path, durationSeconds: 2))
        #expect(words == [ReferenceWord(word: "hello", startSeconds: 0.3, endSeconds: 0.7),
                          ReferenceWord(word: "world", startSeconds: 0.8, endSeconds: 1.4)])
    }

    @Test func textGridWithoutWordsTierGivesInvalidSidecarError() throws {
        let folder = try temporaryFolder()
        let grid = TextGrid(startSeconds: 0, endSeconds: 2, tiers: [.tiling(name: "syllables", start: 0, end: 2, labelled: [])])
        try Data(TextGridWriter.text(of: grid).utf8).write(to: folder.appendingPathComponent("model.TextGrid"))
        #expect {
            _ = try ReferenceWordsSidecar.load(forReference: folder.appendingPathComponent("model.wav").path, durationSeconds: 2)
        } throws: { ($0 as? PronunciationError)?.codeString == "reference_words_invalid" }
    }
}
