import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP
import SpeechTestSupport
import Testing

/// Pronunciation model v3: the whole-utterance forced alignment (`UtteranceForcedAlignment`), its omission log
/// ratio and goodness per word, and the scorer with Models/pronunciation/v3.json ... v11.json.
@Suite struct PronunciationForcedAlignmentTests {
    /// Class 0 is the pause; each frame gives `top` to its listed class and shares the rest equally.
    static func posteriors(_ winners: [Int], classes: Int = 6, top: Double = 0.8) -> FeatureMatrix {
        PronunciationGoodnessTests.posteriors(winners, classes: classes, top: top)
    }

    static let words = [[1, 2], [3], [4, 5]]

    @Test func utteranceAndWordGoodnessAreTheSameSummaryOnTheSameSegmentation() throws {
        // The middle word's second phone (class 2) is said as class 1, with class 2 second best (0.1, the pause
        // 0.025): both paths give the word frames 5-8, phone 3 on 5-6 and phone 2 on 7-8, and must give the same
        // summary to the bit; by hand: phone minimum = 2 x frame mean = log 0.1 - log 0.8.
        var lp = Self.posteriors([0, 1, 1, 2, 2, 3, 3, 1, 1, 0, 4, 4, 5, 5, 0])
        for t in [7, 8] {
            for c in 0..<6 { lp[t, c] = Float(log(c == 1 ? 0.8 : c == 2 ? 0.1 : 0.025)) }
        }
        let posteriors = PhonePosteriors(lp)
        let words = [[1, 2], [3, 2], [4, 5]]
        let alignment = try #require(UtteranceForcedAlignment().align(logPosteriors: posteriors, logPriors: nil, wordPhones: words,
                                                                      silenceClass: 0))
        let aligned = try #require(alignment[1])
        let word = try #require(GoodnessOfPronunciation().evaluate(logPosteriors: posteriors, rows: 5..<9, phones: words[1]))
        #expect(aligned.frameCount == 4)
        #expect(aligned.goodness == word)
        #expect(abs(word.phoneMinimum - log(0.1 / 0.8)) < 1e-6)
        #expect(abs(word.frameMean - log(0.1 / 0.8) / 2) < 1e-6)
        #expect(abs(word.logPosteriorMean - (log(0.8) + log(0.1)) / 2) < 1e-6)
    }

    @Test func everyWordSaidGivesNegativeOmissionRatiosAndPerfectGoodness() throws {
        let lp = Self.posteriors([0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 0])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: Self.words,
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
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: Self.words,
                                                                   silenceClass: 0))
        let middle = try #require(result[1])
        // with the word, one frame must be class 3: log(0.04) - log(0.8) against the frame's own class
        #expect(abs(middle.omissionLogRatio - (log(0.8) - log(0.04))) < 1e-4, "\(middle.omissionLogRatio)")
        #expect(middle.goodness.phoneMinimum < -2.9)
        #expect(try #require(result[0]).omissionLogRatio < 0)
        #expect(try #require(result[2]).omissionLogRatio < 0)
    }

    @Test func holdingEachPhoneMakesALeftOutShortWordPayForTheFramesItBorrows() throws {
        // The middle word (one phone, class 3) was left out. With one frame per phone the path with the word pays for
        // one borrowed frame (log 0.8 - log 0.04 = 3.0 nats); held for 3 frames it pays for three.
        let omitted = Self.posteriors([0, 1, 1, 1, 2, 2, 2, 0, 4, 4, 4, 5, 5, 5, 0])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(omitted), logPriors: nil, wordPhones: Self.words,
                                                                   silenceClass: 0, omissionMinimumPhoneFrames: 3))
        let middle = try #require(result[1])
        let perFrame = log(0.8) - log(0.04)
        #expect(abs(middle.omissionLogRatio - perFrame) < 1e-4, "\(middle.omissionLogRatio)")
        #expect(abs(try #require(middle.heldOmissionLogRatio) - 3 * perFrame) < 1e-3, "\(String(describing: middle.heldOmissionLogRatio))")
        // A word said for 3 frames per phone loses nothing by being held: the same ratio.
        let said = Self.posteriors([0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 0])
        let saidResult = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(said), logPriors: nil, wordPhones: Self.words,
                                                                       silenceClass: 0, omissionMinimumPhoneFrames: 3))
        for word in saidResult {
            let word = try #require(word)
            #expect(abs(try #require(word.heldOmissionLogRatio) - word.omissionLogRatio) < 1e-4)
        }
        // Not asked for: not measured.
        let plain = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(omitted), logPriors: nil, wordPhones: Self.words,
                                                                  silenceClass: 0))
        #expect(plain.allSatisfy { $0?.heldOmissionLogRatio == nil })
    }

    @Test func wordsWithoutPhonesAndTooShortUtterancesGiveNoEvidence() throws {
        let lp = Self.posteriors([1, 2, 4, 5])
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil,
                                                                   wordPhones: [[1, 2], [], [4, 5]], silenceClass: 0))
        #expect(result[1] == nil && result[0] != nil && result[2] != nil)
        #expect(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: [[1, 2, 3], [4, 5]],
                                                 silenceClass: 0) == nil)
    }

    @Test func priorsDivideThePosteriors() throws {
        // equal priors change every path by the same amount per frame: the ratios stay
        let lp = Self.posteriors([0, 1, 1, 2, 2, 2, 0, 4, 4, 5, 5, 0])
        let plain = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: Self.words, silenceClass: 0))
        let flat = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: [Float](repeating: log(1 / 6), count: 6),
                                                                 wordPhones: Self.words, silenceClass: 0))
        for (a, b) in zip(plain, flat) { #expect(abs(a!.omissionLogRatio - b!.omissionLogRatio) < 1e-4) }
    }

    // MARK: the scorer with models v3, v4 (v3 over a phone classifier that heard 41 more voices), v5 (v4 + error variants), v6 (v5 + confirmed insertions) v7 (v6, variants compared at >= 3 frames per phone) v8 (v7 measured against the references' own phone evidence), v9 (v8 refitted on three times the fit data) v10 (v9, omissions by gradient-boosted trees), v11 (v10's trees also reading the word's length in the reference), v15 (v11's trees also reading the held omission ratio) v20 (v11 with word trees that also read the human-trained model), v21 (v20 whose inserted and omitted words that model also checks), v23 (v11 expecting each word in the form its references say), v26 (v23 with either neighbouring word optional in the omission ratio) and v32 (v26 whose omission trees were fitted on the independent sets)

    @Test(arguments: ["v3.json", "v4.json", "v5.json", "v6.json", "v7.json", "v8.json", "v9.json", "v10.json", "v11.json", "v15.json", "v20.json", "v21.json", "v23.json", "v26.json", "v32.json"])
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

    @Test func modelV15AsksForTheHeldRatioAndAFileThatDoesNotIsRefused() throws {
        let path = PronunciationGoodnessTests.repository.appendingPathComponent("v15.json").path
        let model = try PronunciationCalibration.load(path: path)
        #expect(model.reads(term: PronunciationScorer.heldOmissionTerm))
        #expect(model.parameters().omissionMinimumPhoneFrames == 3)
        // The same trees without the setting would read 0 for the term on every word: refused with the fix in the message.
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        json["omission_minimum_phone_frames"] = nil
        let folder = TestScratch.url("v15")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["projection-v1.json", "phones-v2.json"] {
            try FileManager.default.copyItem(at: PronunciationGoodnessTests.repository.appendingPathComponent(file),
                                             to: folder.appendingPathComponent(file))
        }
        let broken = folder.appendingPathComponent("v15.json")
        try JSONSerialization.data(withJSONObject: json).write(to: broken)
        #expect {
            _ = try PronunciationCalibration.load(path: broken.path)
        } throws: { error in
            "\(error)".contains("omission_minimum_phone_frames")
        }
        #expect(try !PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent("v11.json").path)
            .reads(term: PronunciationScorer.heldOmissionTerm))
    }

    @Test func defaultModelIsV32WithItsPhoneModelAndOmissionTrees() throws {
        let model = try PronunciationCalibration.locateDefault(executablePath: PronunciationFixtures.repositoryRoot.path + "/x")
        #expect(model.version == "pronunciation-v32")
        let v26 = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent("v26.json").path)
        #expect(model.word == v26.word && model.mispronouncedBelow == v26.mispronouncedBelow, "v32 says words as v26 does")
        #expect(model.omission != v26.omission && model.omittedAbove == 0.26, "v32's omission trees are refitted, nothing else")
        #expect(model.parameters() == v26.parameters() && model.overallWeights == v26.overallWeights)
        #expect(model.parameters().wordPhonesFromReferences && !model.readsHumanModelGoodness)
        #expect(model.parameters().omissionNeighbourSkipPenalty == 5)
        guard case .trees = model.omission else { Issue.record("v10 decides omissions with trees"); return }
        #expect(model.referenceRelativeEvidence == true)
        #expect(model.parameters().variantMinimumPhoneFrames == 3)
        #expect(model.phoneModelFile == "phones-v2.json")
        #expect(model.phoneModel?.logPriors?.count == model.phoneModel?.classLabels.count)
    }

    @Test func modelV20IsV11WithWordTreesThatReadTheHumanTrainedModel() throws {
        let v20 = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent("v20.json").path)
        let v11 = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent("v11.json").path)
        #expect(v20.version == "pronunciation-v20")
        #expect(v20.omission == v11.omission && v20.omittedAbove == v11.omittedAbove, "v20's omission decision is v11's")
        #expect(v20.insertionHumanGoodnessBelow == nil && v20.parameters().variantMinimumPhoneFrames == 3)
        guard case .trees = v20.word else { Issue.record("v20 decides mispronunciations with trees"); return }
        #expect(v20.readsHumanModelGoodness && v20.word.reads("human_variant_llr") && v20.word.reads("human_goodness_min"))
    }
}
