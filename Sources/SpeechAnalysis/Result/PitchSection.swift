/// `pitch`: the F0 track (frame i is at `i * hopSeconds`) and its summary in semitones.
public struct PitchSection: Codable, Sendable, Equatable {
    public var hopSeconds: Double
    /// F0 per frame in Hz; `nil` (JSON null) for an unvoiced frame.
    public var f0Hz: [Double?]
    /// Voicing probability per frame, 0...1.
    public var voicing: [Double]
    public var summary: PitchSummary

    enum CodingKeys: String, CodingKey {
        case hopSeconds = "hop_s", f0Hz = "f0_hz", voicing, summary
    }

    public init(hopSeconds: Double, f0Hz: [Double?], voicing: [Double], summary: PitchSummary) {
        self.hopSeconds = hopSeconds
        self.f0Hz = f0Hz
        self.voicing = voicing
        self.summary = summary
    }
}

/// Speaker-relative pitch statistics; semitones are relative to the speaker's median F0.
/// Values are `nil` when the recording has too few voiced frames to say.
public struct PitchSummary: Codable, Sendable, Equatable {
    public var medianHz: Double?
    /// 95th minus 5th percentile of voiced F0, in semitones.
    public var rangeSemitones: Double?
    /// Standard deviation of voiced F0, in semitones.
    public var sdSemitones: Double?
    /// Declination: least-squares slope of voiced F0 over time, semitones per second.
    public var slopeSemitonesPerSecond: Double?

    enum CodingKeys: String, CodingKey {
        case medianHz = "median_hz", rangeSemitones = "range_st", sdSemitones = "sd_st"
        case slopeSemitonesPerSecond = "slope_st_per_s"
    }

    public init(medianHz: Double?, rangeSemitones: Double?, sdSemitones: Double?, slopeSemitonesPerSecond: Double?) {
        self.medianHz = medianHz
        self.rangeSemitones = rangeSemitones
        self.sdSemitones = sdSemitones
        self.slopeSemitonesPerSecond = slopeSemitonesPerSecond
    }

    /// Encodes missing values as JSON null so every contract key is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(medianHz, forKey: .medianHz)
        try container.encode(rangeSemitones, forKey: .rangeSemitones)
        try container.encode(sdSemitones, forKey: .sdSemitones)
        try container.encode(slopeSemitonesPerSecond, forKey: .slopeSemitonesPerSecond)
    }
}
