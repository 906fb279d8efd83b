/// A recording decoded to 16 kHz mono float samples, plus what was learned about its source.
public struct DecodedAudio: Sendable {
    /// The analysis rate of every Speakwell measure.
    public static let analysisRateHz = 16_000

    /// Mono samples at `sampleRateHz`, full scale +-1.
    public var samples: [Float]
    public var sampleRateHz: Int
    public var sourceSampleRateHz: Int
    public var channels: Int
    /// Container and codec, e.g. `"wav/pcm16"`, `"flac"`, `"ogg/opus"`, `"mp3"`.
    public var format: String
    /// Fraction (0...1) of source samples at full scale.
    public var clippedFraction: Double
    public var warnings: [String]

    public var durationSeconds: Double { Double(samples.count) / Double(sampleRateHz) }

    public init(samples: [Float], sampleRateHz: Int, sourceSampleRateHz: Int, channels: Int,
                format: String, clippedFraction: Double, warnings: [String]) {
        self.samples = samples
        self.sampleRateHz = sampleRateHz
        self.sourceSampleRateHz = sourceSampleRateHz
        self.channels = channels
        self.format = format
        self.clippedFraction = clippedFraction
        self.warnings = warnings
    }
}
