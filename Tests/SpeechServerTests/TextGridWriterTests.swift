import Foundation
@testable import SpeechServer
import SpeechAnalysis
import SpeechAudio
import Testing

@Suite struct TextGridWriterTests {
    static func document() -> ResultDocument {
        let audio = DecodedAudio(samples: [Float](repeating: 0.1, count: 32_000), sampleRateHz: 16_000, sourceSampleRateHz: 16_000,
                                 channels: 1, format: "wav/pcm16", clippedFraction: 0, warnings: [])
        var document = ResultDocument(audio: AudioSection(audio))
        document.speech = SpeechSection(leadingSilenceSeconds: 0.2, trailingSilenceSeconds: 0.3,
                                        pauses: [.init(startSeconds: 0.9, endSeconds: 1.2, kind: .silent)],
                                        syllables: [.init(timeSeconds: 0.4), .init(timeSeconds: 1.5)])
        document.pronunciation = PronunciationSection(
            overall: 80, accuracy: 80, fluency: 80, intonation: 80, rhythm: 80, completeness: 50,
            words: [.init(word: "say \"hi\"", startSeconds: 0.2, endSeconds: 0.9, referenceStartSeconds: 0.1, referenceEndSeconds: 0.8, score: 90, status: .ok),
                    .init(word: "gone", startSeconds: nil, endSeconds: nil, referenceStartSeconds: 0.8, referenceEndSeconds: 1.0, score: 0, status: .omitted)])
        return document
    }

    @Test func tiersCoverTheWholeRecordingWithoutGapsAndQuoteLabels() throws {
        let text = try #require(TextGridWriter.textGrid(for: Self.document()))
        #expect(text.contains("name = \"syllables\""))
        #expect(text.contains("points: size = 2"))
        #expect(text.contains("name = \"pauses\""))
        #expect(text.contains("text = \"silent\""))
        // pauses: [0, 0.9) empty, [0.9, 1.2) silent, [1.2, 2.0) empty
        #expect(text.contains("intervals: size = 3"))
        #expect(text.contains("text = \"say \"\"hi\"\"\""))
        #expect(!text.contains("\"gone\""))
        #expect(text.contains("xmax = 2.0"))
    }

    @Test func resultWithoutSpeechOrWordsHasNoTextGrid() {
        var document = Self.document()
        document.speech = nil
        document.pronunciation = nil
        #expect(TextGridWriter.textGrid(for: document) == nil)
    }
}
