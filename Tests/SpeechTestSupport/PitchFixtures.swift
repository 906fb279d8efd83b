import Foundation

/// The pitch subset of AudioFixtures (made by `bench/pitch/make_data.py --fixtures AudioFixtures/pitch`):
/// WAV files with `NAME.f0.json` (F0 truth; not the `*.truth.json` schema of the other fixtures) = `{"hop_s": 0.01, "f0_hz": [Hz | null, ...], "construction": "..."}`.
public enum PitchFixtures {
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AudioFixtures/pitch")

    public struct Truth: Decodable, Sendable {
        public let hopSeconds: Double
        /// F0 per frame, Hz; 0 = unvoiced by construction.
        public let f0Hz: [Double]
        enum CodingKeys: String, CodingKey { case hopSeconds = "hop_s", f0Hz = "f0_hz" }
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            hopSeconds = try container.decode(Double.self, forKey: .hopSeconds)
            f0Hz = try container.decode([Double?].self, forKey: .f0Hz).map { $0 ?? 0 }
        }
    }

    /// Path of fixture `name` (without extension).
    public static func audioPath(_ name: String) -> String { directory.appendingPathComponent(name + ".wav").path }

    public static func truth(_ name: String) throws -> Truth {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".f0.json"))
        return try JSONDecoder().decode(Truth.self, from: data)
    }

    /// Fixture names (no extension), sorted.
    public static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".f0.json") }.map { String($0.dropLast(".f0.json".count)) }.sorted()
    }
}

/// Gross pitch error and voicing decision error of an estimate against truth, both 0 = unvoiced.
public struct PitchErrors: Sendable {
    /// Fraction of frames voiced in both whose estimate is more than 20 % off.
    public let grossPitchError: Double
    /// Fraction of all frames whose voiced/unvoiced decision differs from the truth.
    public let voicingDecisionError: Double
    public let bothVoicedFrames: Int

    public init(truth: [Double], estimate: [Double]) {
        let count = min(truth.count, estimate.count)
        var both = 0, gross = 0, decisions = 0
        for i in 0..<count {
            let t = truth[i], e = estimate[i]
            if (t > 0) != (e > 0) { decisions += 1 }
            if t > 0 && e > 0 {
                both += 1
                if abs(e / t - 1) > 0.2 { gross += 1 }
            }
        }
        decisions += max(truth.count, estimate.count) - count
        bothVoicedFrames = both
        grossPitchError = both > 0 ? Double(gross) / Double(both) : 0
        voicingDecisionError = Double(decisions) / Double(max(truth.count, 1))
    }
}
