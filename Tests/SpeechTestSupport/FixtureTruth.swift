import Foundation

/// What is known by construction about a fixture (`NAME.truth.json`, written by scripts/make-fixtures).
/// Only the fields tests read are declared; every one is optional because fixture kinds differ.
public struct FixtureTruth: Decodable, Sendable {
    public struct Word: Decodable, Sendable {
        public let word: String
        public let startSeconds: Double
        public let endSeconds: Double
        enum CodingKeys: String, CodingKey { case word, startSeconds = "start_s", endSeconds = "end_s" }
    }

    public struct Interval: Decodable, Sendable {
        public let startSeconds: Double
        public let endSeconds: Double
        enum CodingKeys: String, CodingKey { case startSeconds = "start_s", endSeconds = "end_s" }
    }

    public struct Variant: Decodable, Sendable {
        public let variant: String
        public let file: String
        public let sampleRateHz: Int
        public let channels: Int
        public let durationSeconds: Double
        public let lossy: Bool
        enum CodingKeys: String, CodingKey {
            case variant, file, channels, lossy, sampleRateHz = "sample_rate_hz", durationSeconds = "duration_s"
        }
    }

    public let file: String?
    public let kind: String?
    public let text: String?
    public let durationSeconds: Double?
    public let sampleRateHz: Int?
    public let channels: Int?
    public let expectedError: String?
    public let expectedWarnings: [String]?
    public let clippedFraction: Double?
    public let frequencyHz: Double?
    public let words: [Word]?
    public let pauses: [Interval]?
    public let leadingSilenceSeconds: Double?
    public let trailingSilenceSeconds: Double?
    public let syllableCount: Int?
    public let variants: [Variant]?

    enum CodingKeys: String, CodingKey {
        case file, kind, text, words, pauses, channels, variants
        case durationSeconds = "duration_s", sampleRateHz = "sample_rate_hz"
        case expectedError = "expected_error", expectedWarnings = "expected_warnings"
        case clippedFraction = "clipped_fraction", frequencyHz = "frequency_hz"
        case leadingSilenceSeconds = "leading_silence_s", trailingSilenceSeconds = "trailing_silence_s"
        case syllableCount = "syllable_count"
    }

    /// Loads a truth file given its path under AudioFixtures/.
    public static func load(_ relativePath: String) throws -> FixtureTruth {
        try JSONDecoder().decode(FixtureTruth.self, from: Data(contentsOf: Fixtures.audio(relativePath)))
    }

    /// Every truth file of the `bad/` folder, with the recording it describes.
    public static func badFixtures() throws -> [(recording: String, truth: FixtureTruth)] {
        try Fixtures.audioFiles(in: "bad", endingWith: ".truth.json").map { url in
            let name = url.lastPathComponent.replacingOccurrences(of: ".truth.json", with: "")
            return ("bad/\(name)", try load("bad/\(url.lastPathComponent)"))
        }
    }
}
