import Foundation
import SpeechDSP

/// Intonation similarity: learner and reference F0 in semitones relative to each speaker's median
/// (so voice pitch and range of the speaker do not count), paired along the DTW path, compared by Pearson
/// correlation and RMSE in semitones (after Arias, Yoma & Vivanco 2010, "Automatic intonation assessment for
/// computer aided language learning", Speech Communication 52).
public enum IntonationComparison {
    public struct Result: Sendable, Equatable {
        public var correlation: Double
        public var rmseSemitones: Double
        public var pairedFrames: Int
        /// 100 * (0.5 * max(0, r) + 0.5 * max(0, 1 - rmse / 4 st)): a documented mapping, not fitted to ratings.
        public var score: Double { 100 * (0.5 * max(0, correlation) + 0.5 * max(0, 1 - rmseSemitones / 4)) }
    }

    /// `nil` when either track lacks a median or fewer than `minimumPairs` path cells are voiced in both.
    public static func compare(path: AlignmentPath, learner: UtteranceFeatures, learnerF0: F0Track,
                               reference: UtteranceFeatures, referenceF0: F0Track, frameCentreSeconds: Double,
                               minimumPairs: Int = 20) -> Result? {
        guard let learnerMedian = learnerF0.medianHz, let referenceMedian = referenceF0.medianHz else { return nil }
        var xs = [Double](), ys = [Double]()
        for k in 0..<path.count {
            let i = Int(path.queryFrames[k]), j = Int(path.templateFrames[k])
            guard let a = learnerF0.hz(at: learner.startSeconds(row: i) + frameCentreSeconds),
                  let b = referenceF0.hz(at: reference.startSeconds(row: j) + frameCentreSeconds) else { continue }
            xs.append(12 * log2(a / learnerMedian))
            ys.append(12 * log2(b / referenceMedian))
        }
        guard xs.count >= minimumPairs else { return nil }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0, se = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my)
            se += (x - y) * (x - y)
        }
        let r = sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
        return Result(correlation: r, rmseSemitones: (se / n).squareRoot(), pairedFrames: xs.count)
    }
}
