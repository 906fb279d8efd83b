import SpeechDSP

/// Alignment features of one recording: only the kept (speech) frames, plus the map back to time.
public struct UtteranceFeatures: Sendable {
    /// Feature rows of the kept frames, in order.
    public var features: FeatureMatrix
    /// `keptFrames[k]` is the analysis-frame index of row `k`; frame `t` starts at `t * hopSeconds`.
    public var keptFrames: [Int]
    public var hopSeconds: Double
    /// Total analysis frames of the recording (kept or not).
    public var totalFrames: Int
    public var durationSeconds: Double
    /// The CMVN MFCC + delta rows before any projection, kept only for a phone model that reads them.
    public var normalizedFeatures: FeatureMatrix?

    public init(features: FeatureMatrix, keptFrames: [Int], hopSeconds: Double, totalFrames: Int, durationSeconds: Double) {
        precondition(features.frameCount == keptFrames.count, "\(features.frameCount) rows for \(keptFrames.count) kept frames")
        self.features = features
        self.keptFrames = keptFrames
        self.hopSeconds = hopSeconds
        self.totalFrames = totalFrames
        self.durationSeconds = durationSeconds
    }

    /// Start time of kept row `k`, seconds.
    public func startSeconds(row k: Int) -> Double { Double(keptFrames[k]) * hopSeconds }
    /// End time of kept row `k` (start of the next hop), seconds.
    public func endSeconds(row k: Int) -> Double { Double(keptFrames[k] + 1) * hopSeconds }

    /// Rows whose frames start inside `startSeconds ..< endSeconds` (possibly empty).
    public func rows(startSeconds: Double, endSeconds: Double) -> Range<Int> {
        let firstFrame = Int((startSeconds / hopSeconds).rounded())
        let endFrame = max(firstFrame + 1, Int((endSeconds / hopSeconds).rounded()))
        let lower = lowerBound(firstFrame), upper = lowerBound(endFrame)
        return lower..<max(lower, upper)
    }

    private func lowerBound(_ frame: Int) -> Int {
        var lo = 0, hi = keptFrames.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keptFrames[mid] < frame { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
