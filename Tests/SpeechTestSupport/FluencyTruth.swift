import Foundation

/// Truth of a fluency passage (`AudioFixtures/fluency/NAME.truth.json`, written by bench/fluency/make_truth.py):
/// silent pauses (>= 250 ms), filled pauses, short gaps that must not count, syllable count, and the file
/// of each condition (clean, snr10, quiet).
public struct FluencyTruth: Decodable, Sendable {
    public struct Interval: Decodable, Sendable {
        public let startSeconds: Double
        public let endSeconds: Double
        enum CodingKeys: String, CodingKey { case startSeconds = "start_s", endSeconds = "end_s" }
    }

    public let durationSeconds: Double
    public let leadingSilenceSeconds: Double
    public let trailingSilenceSeconds: Double
    public let speechStartSeconds: Double
    public let speechEndSeconds: Double
    public let pauses: [Interval]
    public let filledPauses: [Interval]
    public let shortGaps: [Interval]
    public let syllableCount: Int
    public let conditions: [String: String]

    enum CodingKeys: String, CodingKey {
        case pauses, conditions
        case durationSeconds = "duration_s", leadingSilenceSeconds = "leading_silence_s"
        case trailingSilenceSeconds = "trailing_silence_s", speechStartSeconds = "speech_start_s"
        case speechEndSeconds = "speech_end_s", filledPauses = "filled_pauses", shortGaps = "short_gaps"
        case syllableCount = "syllable_count"
    }

    public static func load(_ name: String) throws -> FluencyTruth {
        try JSONDecoder().decode(FluencyTruth.self, from: Data(contentsOf: Fixtures.audio("fluency/\(name).truth.json")))
    }

    /// Path under AudioFixtures/ of one condition's recording.
    public func recording(_ condition: String) -> String {
        "fluency/" + (conditions[condition] ?? "missing-\(condition)")
    }
}

/// One-to-one matching of detected to true intervals as bench/fluency/scoring.py does: a pair matches when
/// both edges are within `toleranceSeconds`; closest pairs first.
public enum IntervalMatching {
    public static func matches(truth: [(Double, Double)], detected: [(Double, Double)],
                               toleranceSeconds: Double = 0.1) -> [(truth: Int, detected: Int)] {
        var pairs: [(Double, Int, Int)] = []
        for (i, t) in truth.enumerated() {
            for (j, d) in detected.enumerated() {
                let ds = abs(d.0 - t.0), de = abs(d.1 - t.1)
                if ds <= toleranceSeconds && de <= toleranceSeconds { pairs.append((ds + de, i, j)) }
            }
        }
        var usedTruth = Set<Int>(), usedDetected = Set<Int>()
        var result: [(truth: Int, detected: Int)] = []
        for (_, i, j) in pairs.sorted(by: { $0.0 < $1.0 }) where !usedTruth.contains(i) && !usedDetected.contains(j) {
            usedTruth.insert(i); usedDetected.insert(j)
            result.append((i, j))
        }
        return result
    }
}
