import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// Word decisions by gradient-boosted trees that read PocketSphinx's word evidence (the machinery of models v17 and
/// v18, which are not shipped: bench/pronunciation/prereg-v17.md, prereg-v18.md). The trees here are made by hand,
/// so what is tested is the wiring: which terms reach the trees, how a missing one is routed, how a file is checked.
@Suite struct HumanModelWordTreesTests {
    /// v11 with a one-split word tree: P(mispronounced) high when the best error variant beats the expected phones by
    /// more than 1 nat per phone under the human-trained model; an unmeasured ratio goes left (low).
    static func calibration() throws -> PronunciationCalibration {
        var model = try HumanGoodnessTermTests.model("v11.json")
        let tree = GradientBoostedTrees.Tree(feature: [0, -1, -1], threshold: [1, 0, 0], left: [1, 0, 0], right: [2, 0, 0],
                                             value: [0, -3, 3], missingLeft: [true, false, false])
        model.word = .trees(GradientBoostedTrees(features: [PronunciationScorer.humanVariantTerm], baseline: 0, trees: [tree]))
        return model
    }

    /// A pronunciation fixture compared with the two fixture references under `model`.
    static func comparison(_ fixture: String, _ model: PronunciationCalibration) throws -> PronunciationComparison {
        let scorer = PronunciationScorer(calibration: model)
        let references = try scorer.prepare(HumanGoodnessTermTests.references())
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path(fixture))
        return try scorer.compare(learner: audio.samples, learnerF0: nil, references: references)
    }

    @Test func wordTreesThatReadAHumanTermMakeTheScorerMeasureIt() throws {
        let v11 = try HumanGoodnessTermTests.model("v11.json"), model = try Self.calibration()
        #expect(!v11.readsHumanModelGoodness && v11.word.reads("variant_llr"))
        #expect(model.readsHumanModelGoodness && model.parameters().measuresHumanModelGoodness)
        #expect(model.reads(term: PronunciationScorer.humanVariantTerm) && !model.word.reads("variant_llr"))
        let decoded = try JSONDecoder().decode(PronunciationCalibration.self, from: JSONEncoder().encode(model))
        #expect(decoded == model, "word trees survive a round trip through the file format")
    }

    /// The pronunciation fixtures: the scorer measures the three human-model terms for every word and the word
    /// trees see exactly those values; the two words said wrong (/t/ for /θ/, /s/ for /ʃ/) cross the split.
    @Test func theTreesReadTheMeasuredTermsAndTheErrorsCrossTheSplit() throws {
        let model = try Self.calibration()
        let comparison = try Self.comparison("learner-errors.wav", model)
        #expect(comparison.units.allSatisfy { $0.humanGoodness != nil && $0.humanPhoneMinimum != nil })
        let section = PronunciationScorer.section(from: comparison, calibration: model)
        let scored = section.words.filter { $0.status != .inserted && $0.status != .omitted }
        for word in scored {
            let unit = try #require(comparison.units.first { $0.label == word.word && $0.learnerStartSeconds == word.startSeconds })
            let terms = PronunciationScorer.wordTerms(unit, calibration: model)
            #expect(terms[PronunciationScorer.humanVariantTerm] == unit.humanVariantLogRatio ?? .nan
                    || (terms[PronunciationScorer.humanVariantTerm]!.isNaN && unit.humanVariantLogRatio == nil))
            let crosses = (unit.humanVariantLogRatio ?? -.infinity) > 1
            #expect(abs(word.score - 100 * (crosses ? 1 - 1 / (1 + exp(-3.0)) : 1 - 1 / (1 + exp(3.0)))) < 0.051, "\(word.word)")
        }
        for wrong in ["thin", "ships"] {
            #expect(scored.first { $0.word == wrong }?.status == .mispronounced, "\(wrong)")
        }
    }

    /// Without the human model's terms (a prompt it cannot measure) the trees route the NaN and every word still
    /// gets a finite score; a word tree that points outside its features makes the file invalid, not a crash.
    @Test func missingTermsAreRoutedAndBrokenWordTreesAreRejected() throws {
        let model = try Self.calibration()
        var comparison = try Self.comparison("learner-correct.wav", model)
        for k in comparison.units.indices {
            comparison.units[k].humanGoodness = nil
            comparison.units[k].humanPhoneMinimum = nil
            comparison.units[k].humanVariantLogRatio = nil
        }
        let terms = PronunciationScorer.wordTerms(comparison.units[0], calibration: model)
        #expect(PronunciationScorer.humanModelTerms.allSatisfy { terms[$0]?.isNaN == true })
        let section = PronunciationScorer.section(from: comparison, calibration: model)
        #expect(section.words.allSatisfy { $0.score.isFinite } && section.overall.isFinite)
        #expect(!section.words.contains { $0.status == .mispronounced }, "a missing ratio goes to the low leaf")

        var broken = model
        guard case .trees(var trees) = broken.word else { Issue.record("word trees"); return }
        trees.trees[0].feature[0] = 3
        broken.word = .trees(trees)
        let folder = TestScratch.url("speakwell-word-trees")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        broken.projectionFile = nil
        let path = folder.appendingPathComponent("broken.json").path
        try JSONEncoder().encode(broken).write(to: URL(fileURLWithPath: path))
        #expect(throws: PronunciationError.self) { try PronunciationCalibration.load(path: path) }
        do { _ = try PronunciationCalibration.load(path: path) } catch {
            #expect("\(error)".contains("word trees"), "\(error)")
        }
    }
}
