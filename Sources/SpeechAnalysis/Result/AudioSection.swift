import SpeechAudio

/// `audio`: what the recording was and what happened to it on the way in.
public struct AudioSection: Codable, Sendable, Equatable {
    public var durationSeconds: Double
    public var sampleRateHz: Int
    public var sourceSampleRateHz: Int
    public var channels: Int
    public var format: String
    public var clippedFraction: Double
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case durationSeconds = "duration_s"
        case sampleRateHz = "sample_rate_hz"
        case sourceSampleRateHz = "source_sample_rate_hz"
        case channels, format
        case clippedFraction = "clipped_fraction"
        case warnings
    }

    public init(_ audio: DecodedAudio) {
        durationSeconds = audio.durationSeconds
        sampleRateHz = audio.sampleRateHz
        sourceSampleRateHz = audio.sourceSampleRateHz
        channels = audio.channels
        format = audio.format
        clippedFraction = audio.clippedFraction
        warnings = audio.warnings
    }
}
