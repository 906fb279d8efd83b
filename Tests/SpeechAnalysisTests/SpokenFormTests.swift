import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechSynthesis
import SpeechTestSupport
import Testing

/// Model v23: each word is expected in the form its references say (espeak-ng's citation form where the model
/// speakers use it, such as "a" said /eɪ/), so that a learner who follows them is not told the word is missing.
/// Speech from espeak-ng with phoneme input: the same sentence with "a" said /eɪ/ and said /ɐ/.
@Suite(.serialized) struct SpokenFormTests {
    static let words = ["a", "grey", "cat", "slept", "on", "the", "warm", "roof"]
    /// espeak-ng's mnemonics of the words said alone, as `make-set.py` reads a sentence it transcribes word by word.
    static let citation = "[['eI]] [[gr'eI]] [[k'at]] [[sl'Ept]] [['O2n]] [[D'@2]] [[w'O@m]] [[r'u:f]]"
    static let inSentence = "[[a#]] [[gr'eI]] [[k'at]] [[sl'Ept]] [['O2n]] [[D'@2]] [[w'O@m]] [[r'u:f]]"
    static let voices = [SynthesisVoice(name: "en-us", rateWordsPerMinute: 160),
                         SynthesisVoice(name: "en-us", variant: "m3", rateWordsPerMinute: 150)]

    static func recording(_ mnemonics: String, voice: SynthesisVoice, name: String) throws -> ReferenceRecording {
        let speech = try SpeechSynthesizer.synthesize(mnemonics, voice: voice, phonemeInput: true)
        try #require(speech.words.count == words.count, "\(speech.words.map(\.word))")
        let timed = zip(words, speech.words).map { ReferenceWord(word: $0, startSeconds: $1.startSeconds, endSeconds: $1.endSeconds) }
        return ReferenceRecording(name: name, samples: speech.samples, sampleRateHz: speech.sampleRateHz, words: timed)
    }

    /// The sentence read by each of `voices`, as an exercise's model recordings.
    static func references(_ mnemonics: String) throws -> [ReferenceRecording] {
        try voices.enumerated().map { try recording(mnemonics, voice: $1, name: "ref\($0)") }
    }

    static func model(_ file: String) throws -> PronunciationCalibration {
        try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent(file).path)
    }

    @Test func espeakGivesTheCitationFormOfAWordWhoseFormInTheSentenceDiffers() throws {
        let forms = try SpeechSynthesizer.spokenForms(of: Self.words)
        #expect(forms.count == Self.words.count)
        #expect(forms[0] == [["ɐ"], ["eɪ"]], "\(forms[0])")
        #expect(forms[1] == [["ɡ", "ɹ", "eɪ"]], "a word said alike alone and in the sentence has one form: \(forms[1])")
        #expect(forms.map { $0[0] } == (try SpeechSynthesizer.phonemes(of: Self.words)), "the first form is the sentence's")
    }

    @Test func modelV23ExpectsTheFormTheReferencesSay() throws {
        let v23 = try Self.model("v23.json"), v11 = try Self.model("v11.json")
        #expect(v23.parameters().wordPhonesFromReferences && !v11.parameters().wordPhonesFromReferences)
        let labels = try #require(v23.phoneModel?.classLabels)
        func firstWord(_ mnemonics: String, _ model: PronunciationCalibration) throws -> [String] {
            let set = try PronunciationScorer(calibration: model).prepare(try Self.references(mnemonics))
            return try #require(set.wordPhones)[0].map { labels[$0] }
        }
        #expect(try firstWord(Self.citation, v23) == ["eɪ"])
        #expect(try firstWord(Self.citation, v11) == ["ɐ"], "v11 expects the sentence's form whatever the references say")
        #expect(try firstWord(Self.inSentence, v23) == ["ɐ"], "references that say the sentence's form keep it")
    }

    @Test func learnerWhoSaysTheCitationFormLikeTheReferencesIsNotToldTheWordIsMissing() throws {
        let references = try Self.references(Self.citation)
        let learner = try Self.recording(Self.citation, voice: SynthesisVoice(name: "en-us", variant: "f2", rateWordsPerMinute: 175), name: "learner")
        func firstWord(_ model: PronunciationCalibration) throws -> PronunciationSection.Word {
            let scorer = PronunciationScorer(calibration: model)
            let section = try scorer.score(learner: learner.samples, learnerF0: nil, references: try scorer.prepare(references))
            return try #require(section.words.first { $0.status != .inserted })
        }
        let v23 = try firstWord(Self.model("v23.json")), v11 = try firstWord(Self.model("v11.json"))
        #expect(v23.word == "a" && v23.status == .ok, "\(v23)")
        #expect(v23.score > v11.score, "v11 judges the /eɪ/ against /ɐ/: \(v11)")
    }
}
