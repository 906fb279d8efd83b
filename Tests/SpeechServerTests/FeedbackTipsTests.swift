import Foundation
@testable import SpeechServer
import SpeechAnalysis
import SpeechAudio
import Testing

@Suite struct FeedbackTipsTests {
    static func document(_ words: [PronunciationSection.Word]) -> ResultDocument {
        let audio = DecodedAudio(samples: [Float](repeating: 0.1, count: 32_000), sampleRateHz: 16_000, sourceSampleRateHz: 16_000,
                                 channels: 1, format: "wav/pcm16", clippedFraction: 0, warnings: [])
        var document = ResultDocument(audio: AudioSection(audio))
        document.pronunciation = PronunciationSection(overall: 70, accuracy: 70, fluency: 90, intonation: 90, rhythm: 90,
                                                      completeness: 100, words: words)
        return document
    }

    static func word(_ text: String, score: Double, _ status: PronunciationSection.Word.Status,
                     _ error: PronunciationSection.Word.LikelyError? = nil) -> PronunciationSection.Word {
        var word = PronunciationSection.Word(word: text, startSeconds: 0, endSeconds: 0.3, referenceStartSeconds: 0,
                                             referenceEndSeconds: 0.3, score: score, status: status)
        word.likelyError = error
        return word
    }

    @Test func theLikelyErrorOfTheWorstDiagnosedWordComesFirst() {
        let tips = FeedbackTips.tips(for: Self.document([
            Self.word("the", score: 95, .ok),
            Self.word("thin", score: 20, .mispronounced, .init(rule: "consonant_substitution", expected: "θ", said: "t")),
            Self.word("ships", score: 30, .mispronounced, .init(rule: "final_consonant_deletion", expected: "s", said: nil)),
        ]))
        #expect(tips == ["In “thin”, say /θ/ (tongue between the teeth, no voice), not /t/.",
                         "Listen to the model again for “thin” and “ships” and repeat just those words a few times."])
    }

    @Test func eachRuleHasItsOwnWording() {
        #expect(FeedbackTips.sound(.init(rule: "final_consonant_deletion", expected: "s", said: nil), in: "ships")
                == "Finish “ships”: say its last sound, /s/.")
        #expect(FeedbackTips.sound(.init(rule: "cluster_simplification", expected: "k", said: nil), in: "desks")
                == "In “desks”, say every consonant: the /k/ was missing.")
        #expect(FeedbackTips.sound(.init(rule: "vowel_substitution", expected: "ɪ", said: "iː"), in: "ship")
                == "In “ship”, say /ɪ/, not /iː/.")
    }

    @Test func withoutADiagnosisTheGenericTipStays() {
        let tips = FeedbackTips.tips(for: Self.document([Self.word("man", score: 40, .mispronounced)]))
        #expect(tips == ["Listen to the model again for “man” and repeat just those words a few times."])
    }
}
