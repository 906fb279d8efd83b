import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// Model v21: a word the omission trees call omitted stays omitted only if PocketSphinx's human-trained model also
/// finds it badly said; and a calibration whose human-model check on inserted words has no filler rule to narrow is
/// refused at load.
@Suite struct OmissionHumanCheckTests {
    /// v11 with the check at `below` (nats per frame).
    static func calibration(below: Double) throws -> PronunciationCalibration {
        var model = try HumanGoodnessTermTests.model("v11.json")
        model.omissionHumanGoodnessBelow = below
        return model
    }

    /// The fixture learner leaves "about" out: the trees call it omitted and the human model, measuring it where the
    /// prompt says it is, finds it far worse than any phones there, so the check keeps it omitted. Given a goodness
    /// at the threshold the word is scored as said instead (its omission no longer counts in `correctness`), and
    /// an unmeasured word is left to the trees.
    @Test func anOmittedWordStaysOmittedUnlessTheHumanModelHearsIt() throws {
        let model = try Self.calibration(below: -1.5), v11 = try HumanGoodnessTermTests.model("v11.json")
        #expect(model.readsHumanModelGoodness && model.parameters().measuresHumanModelGoodness && !v11.readsHumanModelGoodness)
        var comparison = try HumanModelWordTreesTests.comparison("learner-errors.wav", model)
        let truth = try PronunciationFixtures.truth("learner-errors.wav").words.filter { $0.status != "inserted" }
        let omitted = try #require(truth.firstIndex { $0.status == "omitted" })
        let plain = PronunciationScorer.section(from: comparison, calibration: v11).words.filter { $0.status != .inserted }
        let checked = PronunciationScorer.section(from: comparison, calibration: model)
        #expect(plain[omitted].status == .omitted)
        #expect(checked.words.filter { $0.status != .inserted }.map(\.status) == plain.map(\.status), "measured: the check agrees")
        let goodness = try #require(comparison.units[omitted].humanGoodness)
        #expect(goodness < -3, "the left-out word under the human model: \(goodness) nats per frame")

        comparison.units[omitted].humanGoodness = -1.5
        let heard = PronunciationScorer.section(from: comparison, calibration: model)
        #expect(heard.words.filter { $0.status != .inserted }[omitted].status != .omitted)
        #expect(try #require(heard.correctness) >= #require(checked.correctness), "its omission no longer counts as an error")
        comparison.units[omitted].humanGoodness = nil
        let unmeasured = PronunciationScorer.section(from: comparison, calibration: model)
        #expect(unmeasured.words.filter { $0.status != .inserted }[omitted].status == .omitted)
    }

    @Test func modelV21IsV20WithV19sInsertionCheckAndTheOmissionCheck() throws {
        let v21 = try HumanGoodnessTermTests.model("v21.json"), v20 = try HumanGoodnessTermTests.model("v20.json")
        let v19 = try HumanGoodnessTermTests.model("v19.json")
        #expect(v21.word == v20.word && v21.omission == v20.omission && v21.mispronouncedBelow == v20.mispronouncedBelow)
        #expect(v21.insertionHumanGoodnessBelow == v19.insertionHumanGoodnessBelow && v21.omissionHumanGoodnessBelow == -1.5)
        #expect(v21.readsHumanModelGoodness && v20.omissionHumanGoodnessBelow == nil)
    }

    @Test func anInsertionCheckWithoutTheFillerRuleIsRefused() throws {
        var model = try HumanGoodnessTermTests.model("v19.json")
        model.insertionFillerLogRatioAbove = nil
        model.projectionFile = nil
        model.phoneModelFile = nil
        let folder = TestScratch.url("speakwell-insertion-check")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v19-without-filler.json").path
        try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PronunciationCalibration.load(path: path)
            Issue.record("a human-model insertion check without the filler rule was accepted")
        } catch {
            #expect(error.codeString == "calibration_invalid" && "\(error)".contains("insertion_filler_llr_above"), "\(error)")
        }
    }
}
