import Foundation
import SpeechAnalysis
import SpeechDSP
import Testing

/// Model v26: each word's omission ratio with either neighbouring word optional (`UtteranceForcedAlignment.align`'s
/// `neighbourSkipPenalty`), against the ratio that holds every other word present.
@Suite struct PronunciationOptionalNeighbourTests {
    /// Class 0 is the pause; each frame gives 0.96 to its listed class and shares the rest equally.
    static func posteriors(_ winners: [Int], classes: Int) -> FeatureMatrix {
        PronunciationGoodnessTests.posteriors(winners, classes: classes, top: 0.96)
    }

    static func ratios(_ lp: FeatureMatrix, words: [[Int]], penalty: Float?) throws -> [Double] {
        let aligned = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: words,
                                                                    silenceClass: 0, neighbourSkipPenalty: penalty))
        return try aligned.map { try #require($0).omissionLogRatio }
    }

    @Test func aLeftOutNeighbourNoLongerTakesTheWordsFrames() throws {
        // "A B C" read as "A C": A's two frames are clearly A (0.9) with a little of B's phones (0.04 each). Held
        // present, B's two phones must take two frames; skipping A hands them A's, so A looks left out. With its
        // neighbour B optional, A keeps its frames and B is skipped on both paths.
        let words = [[1], [2, 3], [4]]
        var lp = Self.posteriors([0, 0, 1, 1, 4, 4, 4, 0, 0], classes: 5)
        for t in [2, 3] {
            for c in 0..<5 { lp[t, c] = Float(log([0.01, 0.9, 0.04, 0.04, 0.01][c])) }
        }
        let held = try Self.ratios(lp, words: words, penalty: nil)
        let optional = try Self.ratios(lp, words: words, penalty: 5)
        #expect(held[0] > 1, "A held: \(held)")
        #expect(optional[0] < -1, "A with B optional: \(optional)")
        #expect(held[1] > 0 && optional[1] > 0, "B is left out either way: \(held) \(optional)")
        #expect(held[2] < 0 && optional[2] < 0, "C is said either way: \(held) \(optional)")
    }

    @Test func everyWordSaidGivesTheHeldRatios() throws {
        // Leaving out a said neighbour costs far more than the penalty: no path leaves one out, the same ratios.
        let lp = Self.posteriors([0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 0], classes: 6)
        let words = [[1, 2], [3], [4, 5]]
        let held = try Self.ratios(lp, words: words, penalty: nil)
        let optional = try Self.ratios(lp, words: words, penalty: 5)
        #expect(held == optional && held.allSatisfy { $0 < -5 }, "\(held) \(optional)")
    }

    @Test func twoAdjacentWordsLeftOutAreBothFound() throws {
        // "A B C D" read as "A D", with a leading and trailing pause.
        let lp = Self.posteriors([0, 1, 1, 1, 4, 4, 4, 0], classes: 5)
        let optional = try Self.ratios(lp, words: [[1], [2], [3], [4]], penalty: 5)
        #expect(optional[1] > 1 && optional[2] > 1, "\(optional)")
        #expect(optional[0] < -1 && optional[3] < -1, "\(optional)")
    }
}
