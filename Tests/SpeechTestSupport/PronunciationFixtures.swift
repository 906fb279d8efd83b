import Foundation

/// Paths and truth of AudioFixtures/pronunciation (made by bench/pronunciation/make-fixtures.py).
public enum PronunciationFixtures {
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AudioFixtures/pronunciation")
    }

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public struct TruthWord: Decodable, Sendable {
        public var word: String
        public var status: String
        public var start_s: Double?
        public var end_s: Double?
    }

    public struct Truth: Decodable, Sendable {
        public var text: String
        public var words: [TruthWord]
    }

    /// `NAME.truth.json` of a learner fixture.
    public static func truth(_ learner: String) throws -> Truth {
        let url = directory.appendingPathComponent(learner.replacingOccurrences(of: ".wav", with: ".truth.json"))
        return try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url))
    }

    /// `NAME.f0.json` (10 ms frames, 0 = unvoiced; from Praat via parselmouth when the fixtures were made).
    public static func f0(_ wav: String) throws -> [Float] {
        let url = directory.appendingPathComponent(wav.replacingOccurrences(of: ".wav", with: ".f0.json"))
        return try JSONDecoder().decode([Float].self, from: Data(contentsOf: url))
    }
}
