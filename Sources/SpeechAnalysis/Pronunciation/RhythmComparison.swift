import Foundation

/// Rhythm/timing similarity from unit durations (words, or pseudo-words without timings): correlation of log
/// durations of learner and reference, and the difference of their normalised pairwise variability index
/// (nPVI; Grabe & Low 2002, "Durational variability in speech and the rhythm class hypothesis").
public enum RhythmComparison {
    public struct Result: Sendable, Equatable {
        public var logDurationCorrelation: Double
        public var learnerNPVI: Double
        public var referenceNPVI: Double
        /// 100 * (0.5 * max(0, r) + 0.5 * max(0, 1 - |dnPVI| / 40)): a documented mapping, not fitted to ratings.
        public var score: Double {
            100 * (0.5 * max(0, logDurationCorrelation) + 0.5 * max(0, 1 - abs(learnerNPVI - referenceNPVI) / 40))
        }
    }

    /// nPVI = 100 / (N - 1) * sum |d_k - d_k+1| / ((d_k + d_k+1) / 2); 0 for fewer than 2 durations.
    public static func nPVI(_ durations: [Double]) -> Double {
        guard durations.count >= 2 else { return 0 }
        var sum = 0.0
        for k in 0..<(durations.count - 1) {
            let a = durations[k], b = durations[k + 1]
            if a + b > 0 { sum += abs(a - b) / ((a + b) / 2) }
        }
        return 100 * sum / Double(durations.count - 1)
    }

    /// Pairs with a non-positive duration are left out; `nil` with fewer than 3 pairs.
    public static func compare(learnerSeconds: [Double], referenceSeconds: [Double]) -> Result? {
        let pairs = zip(learnerSeconds, referenceSeconds).filter { $0.0 > 0 && $0.1 > 0 }
        guard pairs.count >= 3 else { return nil }
        let xs = pairs.map { log($0.0) }, ys = pairs.map { log($0.1) }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my) }
        let r = sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
        return Result(logDurationCorrelation: r, learnerNPVI: nPVI(pairs.map { $0.0 }), referenceNPVI: nPVI(pairs.map { $0.1 }))
    }
}
