import Foundation
import Testing
@testable import SpeechAnalysis

/// Model v27: the omission trees also read the neighbouring words' omission ratio and log relative duration.
@Suite struct PronunciationNeighbourTermsTests {
    static func unit(_ label: String, omissionLogRatio: Double?, logDuration: Double) -> PronunciationComparison.UnitEvidence {
        var unit = PronunciationComparison.UnitEvidence(label: label, logMeanRatio: 0.1, logPeakRatio: 0.2, logRelativeDuration: logDuration,
                                                        learnerStartSeconds: 1, learnerEndSeconds: 1.3, referenceStartSeconds: 1,
                                                        referenceEndSeconds: 1.3, bestReference: 0)
        if let omissionLogRatio {
            let goodness = GoodnessOfPronunciation.Result(frameMean: -1, phoneMinimum: -2, logPosteriorMean: -1.5)
            unit.goodness = goodness
            unit.aligned = .init(omissionLogRatio: omissionLogRatio, goodness: goodness, frameCount: 30, variantLogRatio: -1)
        }
        return unit
    }

    @Test func eachWordReadsTheWordsBeforeAndAfterItAndTheEdgesCountAsPlainlySaid() {
        let terms: [[String: Double]] = [["omission_llr": -30, "log_duration": 0.2], ["omission_llr": 4, "log_duration": -1.5],
                                         ["log_duration": 0.4]]
        let out = PronunciationScorer.addingNeighbourTerms(terms, clip: 5)
        #expect(out[0]["previous_omission_llr"] == -5 && out[0]["previous_log_duration"] == 0, "no word before the first")
        #expect(out[0]["next_omission_llr"] == 4 && out[0]["next_log_duration"] == -1.5)
        #expect(out[1]["previous_omission_llr"] == -30 && out[1]["previous_log_duration"] == 0.2)
        #expect(out[1]["next_omission_llr"] == 0 && out[1]["next_log_duration"] == 0.4, "an unmeasured ratio counts as 0, as in the fit")
        #expect(out[2]["next_omission_llr"] == -5 && out[2]["next_log_duration"] == 0, "no word after the last")
        #expect(out[1]["omission_llr"] == 4, "a word's own terms are kept")
        #expect(PronunciationScorer.addingNeighbourTerms([["omission_llr": 9]], clip: 5)[0]["omission_llr"] == 9)
        #expect(PronunciationScorer.addingNeighbourTerms([["omission_llr": 9], [:]], clip: 5)[1]["previous_omission_llr"] == 5,
                "clipped from above as the trees read a word's own ratio")
    }

    @Test func v27sTreesReadTheNeighboursAndTheScorerFillsEveryTermTheyRead() throws {
        let v27 = try PronunciationReferenceEvidenceTests.model("v27.json")
        let v26 = try PronunciationReferenceEvidenceTests.model("v26.json")
        guard case .trees(let trees) = v27.omission, case .trees(let trees26) = v26.omission else {
            Issue.record("v26 and v27 decide omissions with trees"); return
        }
        #expect(trees.features == trees26.features + PronunciationScorer.neighbourTermNames)
        #expect(trees.defect == nil && v27.word == v26.word && v27.mispronouncedBelow == v26.mispronouncedBelow)
        #expect(v27.parameters() == v26.parameters(), "v27 measures what v26 measures; only the omission decision differs")
        let units = [Self.unit("the", omissionLogRatio: -20, logDuration: 0), Self.unit("cat", omissionLogRatio: -3, logDuration: -0.2)]
        let terms = PronunciationScorer.addingNeighbourTerms(units.map { PronunciationScorer.wordTerms($0, calibration: v27) },
                                                             clip: v27.omissionLogRatioClip ?? 5)
        for word in terms {
            #expect(Set(trees.features).isSubset(of: Set(word.keys)), "\(trees.features) vs \(word.keys.sorted())")
        }
    }

    @Test func theScorerDecidesOmissionsWithTheNeighboursTermsWhereTheModelReadsThem() throws {
        // A middle word of doubtful evidence between neighbours said or left out: find a case where v27's trees decide
        // differently with and without the neighbours' terms, and check the scorer follows the neighbours' reading.
        let v27 = try PronunciationReferenceEvidenceTests.model("v27.json")
        let clip = v27.omissionLogRatioClip ?? 5
        var decisive: [PronunciationComparison.UnitEvidence]?
        search: for middleRatio in stride(from: -4.0, through: 5, by: 1) {
            for middleDuration in [-2.0, -1, -0.5, 0] {
                for neighbourRatio in [-30.0, 5] {
                    let units = [Self.unit("a", omissionLogRatio: neighbourRatio, logDuration: neighbourRatio > 0 ? -2 : 0),
                                 Self.unit("cat", omissionLogRatio: middleRatio, logDuration: middleDuration),
                                 Self.unit("sat", omissionLogRatio: -30, logDuration: 0)]
                    let own = units.map { PronunciationScorer.wordTerms($0, calibration: v27) }
                    let withNeighbours = PronunciationScorer.addingNeighbourTerms(own, clip: clip)
                    if (v27.omission.probability(own[1]) > v27.omittedAbove)
                        != (v27.omission.probability(withNeighbours[1]) > v27.omittedAbove) {
                        decisive = units
                        break search
                    }
                }
            }
        }
        let units = try #require(decisive, "the neighbours' terms change some decision of v27's trees")
        let expected = v27.omission.probability(PronunciationScorer.addingNeighbourTerms(
            units.map { PronunciationScorer.wordTerms($0, calibration: v27) }, clip: clip)[1]) > v27.omittedAbove
        let comparison = PronunciationComparison(units: units, hasWordTimings: true, insertionCandidates: [], intonation: nil,
                                                 rhythm: nil, phonationRatio: 1, rateRatio: 1, referenceCount: 3)
        let decided = PronunciationScorer.section(from: comparison, calibration: v27).words[1].status
        #expect((decided == .omitted) == expected, "\(decided)")
    }
}
