import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechSynthesis
import SpeechTestSupport
import Testing

/// Model v14: the omission trees read each word's goodness under PocketSphinx's human-trained model
/// (`human_goodness`, `SphinxWordGoodness`), measured once per reading; missing when a prompt word is not in the
/// CMU dictionary, and then routed the way the fit learnt.
@Suite struct HumanGoodnessTermTests {
    static func model(_ name: String) throws -> PronunciationCalibration {
        try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent(name).path)
    }

    static func references(renaming word: String? = nil, to other: String = "") throws -> [ReferenceRecording] {
        try ["ref-m1.wav", "ref-f2.wav"].map { name in
            var reference = try PronunciationGoodnessTests.reference(name)
            if let word {
                reference.words = reference.words?.map {
                    $0.word == word ? ReferenceWord(word: other, startSeconds: $0.startSeconds, endSeconds: $0.endSeconds) : $0
                }
            }
            return reference
        }
    }

    @Test func onlyModelsWhoseTreesReadTheTermPayForTheHumanModel() throws {
        let v11 = try Self.model("v11.json"), v14 = try Self.model("v14.json")
        #expect(!v11.readsHumanModelGoodness && !v11.parameters().measuresHumanModelGoodness)
        #expect(v14.readsHumanModelGoodness && v14.parameters().measuresHumanModelGoodness)
        guard case .trees(let trees) = v14.omission else { Issue.record("v14's omission is trees"); return }
        #expect(trees.features.last == PronunciationScorer.humanGoodnessTerm)
        #expect(trees.trees.allSatisfy { $0.missingLeft?.count == $0.feature.count }, "every v14 tree routes a missing term")
    }

    @Test func theOmittedWordSoundsWorstToTheHumanModelAndV14MarksIt() throws {
        let scorer = PronunciationScorer(calibration: try Self.model("v14.json"))
        let references = try scorer.prepare(Self.references())
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-errors.wav"))
        let comparison = try scorer.compare(learner: audio.samples, learnerF0: nil, references: references)
        let truth = try PronunciationFixtures.truth("learner-errors.wav").words.filter { $0.status != "inserted" }
        let goodness = try comparison.units.map { try #require($0.humanGoodness, "\($0.label)") }
        #expect(goodness.count == truth.count)
        let omitted = try #require(truth.firstIndex { $0.status == "omitted" })
        let said = truth.indices.filter { truth[$0].status == "ok" }.map { goodness[$0] }
        #expect(goodness[omitted] < said.min()! - 0.5, "omitted \(goodness[omitted]), said words \(said)")
        let section = PronunciationScorer.section(from: comparison, calibration: scorer.calibration!)
        for (word, expected) in zip(section.words.filter { $0.status != .inserted }, truth) {
            #expect((word.status == .omitted) == (expected.status == "omitted"), "\(word.word): \(word.status) vs \(expected.status)")
        }
        let v11 = PronunciationScorer(calibration: try Self.model("v11.json"))
        let plain = try v11.compare(learner: audio.samples, learnerF0: nil, references: try v11.prepare(Self.references()))
        #expect(plain.units.allSatisfy { $0.humanGoodness == nil }, "v11 does not run the human-trained model")
    }

    /// A name or made-up word in the prompt is said as espeak-ng transcribes it; without that (or when nothing can
    /// be measured) the term is missing and the trees route it, and the reading is still scored.
    @Test func aPromptWordOutsideTheDictionaryIsMeasuredFromEspeakPhonemesOrLeftMissing() throws {
        let calibration = try Self.model("v14.json")
        let scorer = PronunciationScorer(calibration: calibration)
        let references = try scorer.prepare(Self.references(renaming: "three", to: "threeqxz"))
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-correct.wav"))
        var comparison = try scorer.compare(learner: audio.samples, learnerF0: nil, references: references)
        #expect(comparison.units.allSatisfy { $0.humanGoodness != nil }, "\(comparison.units.map(\.humanGoodness))")
        for k in comparison.units.indices { comparison.units[k].humanGoodness = nil }
        let terms = PronunciationScorer.wordTerms(comparison.units[0], calibration: calibration)
        #expect(terms[PronunciationScorer.humanGoodnessTerm]?.isNaN == true)
        let section = PronunciationScorer.section(from: comparison, calibration: calibration)
        #expect(section.words.allSatisfy { $0.score.isFinite } && section.overall.isFinite)
        #expect(!section.words.contains { $0.status == .omitted }, "\(section.words.map { ($0.word, $0.status) })")
    }

    @Test func espeakPhonemesStandInForAWordTheDictionaryLacks() throws {
        let models = try SphinxModels.debian.get()
        var measure = try SphinxWordGoodness(model: models.model, dictionary: models.dictionary)
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-correct.wav"))
        let words = try PronunciationFixtures.truth("learner-correct.wav").words.map(\.word)
        let k = try #require(words.firstIndex(of: "three"))
        var renamed = words
        renamed[k] = "threeqxz"
        #expect(try measure.goodness(of: renamed, in: audio.samples) == nil, "no pronunciation, no evidence")
        let espeak = try SpeechSynthesizer.phonemes(of: words)
        #expect(espeak[k] == ["θ", "ɹ", "iː"])
        let dictionary = try #require(try measure.goodness(of: words, in: audio.samples))
        let standIn = try #require(try measure.goodness(of: renamed, in: audio.samples, espeak: espeak))
        #expect(standIn == dictionary, "espeak-ng's θ ɹ iː are the dictionary's TH R IY")
    }
}
