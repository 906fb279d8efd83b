import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP
import SpeechTestSupport
import Testing

/// Pronunciation model v3: the whole-utterance forced alignment (`UtteranceForcedAlignment`), its omission log
/// ratio and goodness per word, and the scorer with Models/pronunciation/v3.json and v4.json.
@Suite struct PronunciationForcedAlignmentTests {
    /// Class 0 is the pause; each frame gives `top` to its listed class and shares the rest equally.
    static func posteriors(_ winners: [Int], classes: Int = 6, top: Double = 0.8) -> FeatureMatrix {
        PronunciationGoodnessTests.posteriors(winners, classes: classes, top: top)
    }

    static let words = [[1, 2], [3], [4, 5]]

    @Test func everyWordSaidGivesNegativeOmissionRatiosAndPerfectGoodness() throws {
        let lp = Self.posteriors([0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 0])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: nil, wordPhones: Self.words,
                                                                   silenceClass: 0))
        for (w, word) in result.enumerated() {
            let word = try #require(word)
            // skipping a word moves its frames to a neighbour: log(0.04) - log(0.8) per frame, at least one frame
            #expect(word.omissionLogRatio < log(0.04 / 0.8) / 2, "word \(w): \(word.omissionLogRatio)")
            #expect(abs(word.goodness.phoneMinimum) < 1e-9 && abs(word.goodness.frameMean) < 1e-9)
            #expect(word.frameCount == [4, 3, 4][w])
        }
    }

    @Test func omittedWordIsExplainedBetterWithoutIt() throws {
        // the middle word (class 3) was not said: its neighbours and a short pause fill the time
        let lp = Self.posteriors([0, 1, 1, 2, 2, 2, 0, 4, 4, 5, 5, 0])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: nil, wordPhones: Self.words,
                                                                   silenceClass: 0))
        let middle = try #require(result[1])
        // with the word, one frame must be class 3: log(0.04) - log(0.8) against the frame's own class
        #expect(abs(middle.omissionLogRatio - (log(0.8) - log(0.04))) < 1e-4, "\(middle.omissionLogRatio)")
        #expect(middle.goodness.phoneMinimum < -2.9)
        #expect(try #require(result[0]).omissionLogRatio < 0)
        #expect(try #require(result[2]).omissionLogRatio < 0)
    }

    @Test func wordsWithoutPhonesAndTooShortUtterancesGiveNoEvidence() throws {
        let lp = Self.posteriors([1, 2, 4, 5])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: nil,
                                                                   wordPhones: [[1, 2], [], [4, 5]], silenceClass: 0))
        #expect(result[1] == nil && result[0] != nil && result[2] != nil)
        #expect(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: nil, wordPhones: [[1, 2, 3], [4, 5]],
                                                 silenceClass: 0) == nil)
    }

    @Test func priorsDivideThePosteriors() throws {
        // equal priors change every path by the same amount per frame: the ratios stay
        let lp = Self.posteriors([0, 1, 1, 2, 2, 2, 0, 4, 4, 5, 5, 0])
        let plain = try #require(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: nil, wordPhones: Self.words, silenceClass: 0))
        let flat = try #require(UtteranceForcedAlignment().align(logPosteriors: lp, logPriors: [Float](repeating: log(1 / 6), count: 6),
                                                                 wordPhones: Self.words, silenceClass: 0))
        for (a, b) in zip(plain, flat) { #expect(abs(a!.omissionLogRatio - b!.omissionLogRatio) < 1e-4) }
    }

    // MARK: the scorer with models v3 and v4 (the same terms; v4's phone classifier heard 41 more voices)

    @Test(arguments: ["v3.json", "v4.json"])
    func modelFindsTheOmittedWordAndRanksTheReadingsByErrors(file: String) throws {
        let calibration = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent(file).path)
        #expect(calibration.omissionLogRatioClip != nil && calibration.overallWeights["correctness"] != nil)
        let scorer = PronunciationScorer(calibration: calibration)
        let references = try scorer.prepare(["ref-m1.wav", "ref-f2.wav"].map { try PronunciationGoodnessTests.reference($0) })
        let correct = try PronunciationGoodnessTests.score("learner-correct.wav", scorer: scorer, references: references)
        let errors = try PronunciationGoodnessTests.score("learner-errors.wav", scorer: scorer, references: references)
        let truth = try PronunciationFixtures.truth("learner-errors.wav")
        let scored = errors.words.filter { $0.status != .inserted }
        #expect(scored.count == truth.words.filter { $0.status != "inserted" }.count)
        for (word, expected) in zip(scored, truth.words.filter { $0.status != "inserted" }) where expected.status == "omitted" {
            #expect(word.status == .omitted, "\(word.word): \(word.status) \(word.score)")
        }
        #expect(correct.words.allSatisfy { $0.status != .omitted })
        let good = try #require(correct.correctness), bad = try #require(errors.correctness)
        #expect(bad < good)
        #expect(errors.overall < correct.overall)
    }

    @Test func defaultModelIsV4WithItsPhoneModel() throws {
        let model = try PronunciationCalibration.locateDefault(executablePath: PronunciationFixtures.repositoryRoot.path + "/x")
        #expect(model.version == "pronunciation-v4")
        #expect(model.phoneModelFile == "phones-v2.json")
        #expect(model.phoneModel?.logPriors?.count == model.phoneModel?.classLabels.count)
    }
}
