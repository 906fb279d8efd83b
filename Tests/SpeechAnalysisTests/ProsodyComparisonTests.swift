import Foundation
import SpeechAnalysis
import SpeechDSP
import Testing

@Suite struct ProsodyComparisonTests {
    /// Utterance features whose rows are frames 0..<count (no pauses), for pairing F0 along a diagonal path.
    func utterance(_ count: Int) -> UtteranceFeatures {
        UtteranceFeatures(features: FeatureMatrix(frameCount: count, dimension: 1, hopSeconds: 0.01), keptFrames: Array(0..<count),
                          hopSeconds: 0.01, totalFrames: count, durationSeconds: Double(count) * 0.01)
    }

    func diagonal(_ count: Int) -> AlignmentPath {
        AlignmentPath(queryFrames: (0..<count).map(Int32.init), templateFrames: (0..<count).map(Int32.init),
                      localDistances: [Float](repeating: 0, count: count), normalizedCost: 0)
    }

    func contour(_ count: Int, baseHz: Double, rising: Bool) -> F0Track {
        F0Track(hopSeconds: 0.01, hz: (0..<count).map { k in
            k % 10 == 9 ? nil : baseHz * pow(2, (rising ? 1.0 : -1.0) * 4 * Double(k) / Double(count) / 12)
        })
    }

    @Test func sameContourAnOctaveHigherIsIdenticalInSpeakerSemitones() throws {
        let result = try #require(IntonationComparison.compare(
            path: diagonal(200), learner: utterance(200), learnerF0: contour(200, baseHz: 220, rising: true),
            reference: utterance(200), referenceF0: contour(200, baseHz: 110, rising: true), frameCentreSeconds: 0))
        #expect(result.correlation > 0.999)
        #expect(result.rmseSemitones < 0.05)
        #expect(result.score > 99)
    }

    @Test func fallingAgainstRisingContourCorrelatesNegatively() throws {
        let result = try #require(IntonationComparison.compare(
            path: diagonal(200), learner: utterance(200), learnerF0: contour(200, baseHz: 150, rising: false),
            reference: utterance(200), referenceF0: contour(200, baseHz: 150, rising: true), frameCentreSeconds: 0))
        #expect(result.correlation < -0.99)
        #expect(result.rmseSemitones > 2)
        #expect(result.score < 50)
    }

    @Test func unvoicedTracksGiveNoIntonation() {
        let silent = F0Track(hopSeconds: 0.01, hz: [Double?](repeating: nil, count: 100))
        #expect(IntonationComparison.compare(path: diagonal(100), learner: utterance(100), learnerF0: silent,
                                             reference: utterance(100), referenceF0: silent, frameCentreSeconds: 0) == nil)
    }

    @Test func nPVIOfAlternatingDurationsMatchesTheFormula() {
        // |1 - 2| / 1.5 = 0.667 for each of the 3 pairs -> 66.7.
        #expect(abs(RhythmComparison.nPVI([1, 2, 1, 2]) - 66.666) < 0.01)
        #expect(RhythmComparison.nPVI([0.3, 0.3, 0.3]) == 0)
    }

    @Test func proportionallySlowerReadingHasPerfectRhythm() throws {
        let reference = [0.2, 0.35, 0.1, 0.4, 0.25]
        let result = try #require(RhythmComparison.compare(learnerSeconds: reference.map { $0 * 1.6 }, referenceSeconds: reference))
        #expect(result.logDurationCorrelation > 0.999)
        #expect(abs(result.learnerNPVI - result.referenceNPVI) < 1e-9)
        #expect(result.score > 99.9)
    }
}
