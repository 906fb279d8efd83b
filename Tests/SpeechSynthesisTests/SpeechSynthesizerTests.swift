import Foundation
import SpeechSynthesis
import Testing

@Suite(.serialized) struct SpeechSynthesizerTests {
    @Test func everyWordIsPlacedInOrderInsideTheAudio() throws {
        let speech = try SpeechSynthesizer.synthesize("The quick brown fox jumps over the lazy dog.")
        #expect(speech.sampleRateHz == 16_000)
        #expect(speech.words.map(\.word) == ["The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"])
        #expect(speech.unplacedWords.isEmpty)
        for (word, next) in zip(speech.words, speech.words.dropFirst()) {
            #expect(word.startSeconds < word.endSeconds)
            #expect(word.endSeconds <= next.startSeconds + 1e-9)
        }
        #expect(speech.words.last!.endSeconds <= speech.durationSeconds)
        #expect(speech.durationSeconds > 1.5 && speech.durationSeconds < 5)
    }

    /// espeak-ng's word events must agree with the same engine's fixture truth (tools/espeak-synth wrote it).
    @Test func wordStartsMatchTheFixtureTruthOfTheSameVoice() throws {
        struct Truth: Decodable { let text: String; let rate_wpm: Int; let words: [SynthesizedSpeech.Word] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AudioFixtures/sentences/s01.truth.json")
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url))
        let speech = try SpeechSynthesizer.synthesize(truth.text, voice: SynthesisVoice(name: "en-us", rateWordsPerMinute: truth.rate_wpm))
        #expect(speech.words.count == truth.words.count)
        // The fixture was padded with 0.3 s of leading silence; espeak's own lead-in is shorter.
        let offset = truth.words[0].startSeconds - speech.words[0].startSeconds
        for (ours, theirs) in zip(speech.words.dropFirst(), truth.words.dropFirst()) {
            #expect(ours.word == theirs.word)
            #expect(abs(ours.startSeconds + offset - theirs.startSeconds) < 0.02, "\(ours.word)")
        }
    }

    @Test func fasterRateGivesShorterSpeech() throws {
        let slow = try SpeechSynthesizer.synthesize("Please call Stella.", voice: SynthesisVoice(rateWordsPerMinute: 120))
        let fast = try SpeechSynthesizer.synthesize("Please call Stella.", voice: SynthesisVoice(rateWordsPerMinute: 240))
        #expect(fast.durationSeconds < slow.durationSeconds * 0.75)
    }

    @Test func everySyntheticReferenceVoiceSpeaks() throws {
        for voice in SynthesisVoice.syntheticReferences {
            let speech = try SpeechSynthesizer.synthesize("Thank you for your help.", voice: voice)
            #expect(speech.words.count == 5, "\(voice)")
        }
    }

    @Test func unknownVoiceAndEmptyTextAreTypedErrors() {
        #expect { try SpeechSynthesizer.synthesize("hello", voice: SynthesisVoice(name: "xx-nowhere")) } throws: {
            ($0 as? SynthesisError)?.code == "unknownVoice"
        }
        #expect { try SpeechSynthesizer.synthesize(" ... ") } throws: { ($0 as? SynthesisError)?.code == "emptyText" }
    }
}
