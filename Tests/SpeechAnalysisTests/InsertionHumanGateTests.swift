import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// Model v19: an inserted word must also sound wrong to PocketSphinx's human-trained model, whose forced path through
/// the prompt explains speech the prompt lacks far worse than a free phone loop does.
@Suite struct InsertionHumanGateTests {
    /// "go forward ten meters" (a human speaker): under the prompt without "ten" the word's frames are speech the
    /// prompt lacks, and their goodness falls far below what the full prompt gives the same frames.
    @Test func speechThePromptLacksSoundsWrongToTheHumanModel() throws {
        let model = try SphinxAcousticModelTests.model.get()
        var measure = try SphinxWordGoodness(model: model, dictionary: SphinxPronouncingDictionary(model: model))
        let samples = try SphinxAcousticModelTests.fixture("goforward.wav")
        let full = try #require(try measure.alignment(of: ["go", "forward", "ten", "meters"], in: samples))
        let short = try #require(try measure.alignment(of: ["go", "forward", "meters"], in: samples))
        #expect(full.frameGoodness.count == short.frameGoodness.count)
        let ten = full.words[2]
        let said = try #require(full.goodness(fromSeconds: ten.startSeconds, toSeconds: ten.endSeconds))
        let inserted = try #require(short.goodness(fromSeconds: ten.startSeconds, toSeconds: ten.endSeconds))
        #expect(said > -1.5 && inserted < said - 3, "ten under its prompt \(said), without it \(inserted) nats per frame")
        #expect(full.goodness(fromSeconds: 5, toSeconds: 5) == nil, "an empty stretch has no goodness")
        #expect(full.goodness(fromSeconds: 1e300, toSeconds: .infinity) == nil && full.goodness(fromSeconds: .nan, toSeconds: 1) == nil)
        #expect(full.goodness(fromSeconds: -1e300, toSeconds: 1e300) != nil, "bounds beyond the recording are clamped")
    }

    /// The gate: with v19's threshold, of three candidates the filler keeps, the one the human model finds well
    /// explained is dropped, the badly explained one kept, and an unmeasured one left to the filler.
    @Test func v19KeepsOnlyInsertionsTheHumanModelFindsWrong() throws {
        let v19 = try HumanGoodnessTermTests.model("v19.json"), v11 = try HumanGoodnessTermTests.model("v11.json")
        let below = try #require(v19.insertionHumanGoodnessBelow)
        #expect(v19.readsHumanModelGoodness && v19.parameters().measuresHumanModelGoodness && v11.insertionHumanGoodnessBelow == nil)
        #expect(v19.word == v11.word && v19.omission == v11.omission, "only the insertion step differs from v11")
        var comparison = try HumanModelWordTreesTests.comparison("learner-correct.wav", v19)
        #expect(comparison.insertionCandidates.allSatisfy { $0.humanGoodness != nil } || comparison.insertionCandidates.isEmpty)
        let filler = try #require(v19.insertionFillerLogRatioAbove) + 10
        func candidate(_ start: Double, _ goodness: Double?) -> PronunciationComparison.InsertionCandidate {
            var c = PronunciationComparison.InsertionCandidate(startSeconds: start, endSeconds: start + 0.2, distanceRatio: 2)
            c.fillerLogRatio = filler; c.fillerLogRatioOverReferences = filler; c.humanGoodness = goodness
            return c
        }
        comparison.insertionCandidates = [candidate(0.1, below + 1), candidate(0.5, below - 1), candidate(0.9, nil)]
        let kept = PronunciationScorer.section(from: comparison, calibration: v19).words.filter { $0.status == .inserted }
        #expect(kept.map(\.startSeconds) == [0.5, 0.9])
        let v11Kept = PronunciationScorer.section(from: comparison, calibration: v11).words.filter { $0.status == .inserted }
        #expect(v11Kept.count == 3, "v11 keeps every candidate its filler keeps")
    }
}
