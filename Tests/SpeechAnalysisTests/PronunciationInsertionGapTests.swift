import Foundation
import SpeechAnalysis
import SpeechDSP
import Testing

/// Inserted speech in the whole-utterance forced alignment (`UtteranceForcedAlignment.insertionGaps`, model v6).
@Suite struct PronunciationInsertionGapTests {
    /// Words [1, 2], [3], [4, 5]; class 0 is the pause; 8 classes, the frame's class at 0.8, the rest 0.2 / 7.
    static let words = [[1, 2], [3], [4, 5]]
    static let frameRatio = log(0.8 / (0.2 / 7))

    static func gaps(_ frames: [Int], cost: Float = 2) throws -> [UtteranceForcedAlignment.Gap] {
        let lp = PronunciationGoodnessTests.posteriors(frames, classes: 8, top: 0.8)
        let alignment = UtteranceForcedAlignment()
        _ = try #require(alignment.align(logPosteriors: .init(lp), logPriors: nil, wordPhones: words, silenceClass: 0))
        return alignment.insertionGaps(minimumFrames: 5, frameCost: cost)
    }

    @Test func wordsSaidAsExpectedLeaveNoGapWorthAFiller() throws {
        let gaps = try Self.gaps([0, 1, 1, 1, 2, 2, 2, 0, 3, 3, 3, 3, 0, 4, 4, 4, 5, 5, 5, 0])
        #expect(gaps.map(\.afterWord) == [nil, 0, 1, 2])
        // the filler's best class is the expected one on every frame: it gains nothing and pays 2 nats a frame
        for gap in gaps { #expect(gap.insertionLogRatio <= -2 * 5 + 1e-3, "\(gap)") }
    }

    @Test func extraSpeechBetweenTwoWordsIsFoundThere() throws {
        // eight frames of classes 6 and 7 (no expected phone) between the first and the second word
        let frames = [0, 1, 1, 1, 2, 2, 2, 6, 6, 6, 6, 7, 7, 7, 7, 3, 3, 3, 3, 0, 4, 4, 4, 5, 5, 5, 0]
        let gaps = try Self.gaps(frames)
        let found = try #require(gaps.first { $0.afterWord == 0 })
        // without the filler those frames go to a neighbour or the pause at frameRatio each; the filler pays 2 each
        #expect(abs(found.insertionLogRatio - 8 * (Self.frameRatio - 2)) < 1e-3, "\(found.insertionLogRatio)")
        #expect(found.rows == 7..<15)
        // a neighbouring gap may reach the same frames by squeezing the one-phone word between them to one frame,
        // for less; gaps that do not reach them gain nothing
        for gap in gaps where gap.afterWord != 0 {
            #expect(gap.insertionLogRatio < found.insertionLogRatio / 2)
            if !gap.rows.overlaps(7..<15) { #expect(gap.insertionLogRatio < 0, "\(gap)") }
        }
    }

    @Test func noGapsWithoutAnAlignment() throws {
        let alignment = UtteranceForcedAlignment()
        #expect(alignment.insertionGaps().isEmpty)
        let lp = PronunciationGoodnessTests.posteriors([1, 2], classes: 8, top: 0.8)
        #expect(alignment.align(logPosteriors: .init(lp), logPriors: nil, wordPhones: Self.words, silenceClass: 0) == nil)
        #expect(alignment.insertionGaps().isEmpty)
    }
}
