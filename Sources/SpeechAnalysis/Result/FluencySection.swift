/// `fluency`: temporal measures after De Jong & Wempe (2009) and Cucchiarini, Strik & Boves (2002).
/// Definitions and formulas: docs/fluency.md.
public struct FluencySection: Codable, Sendable, Equatable {
    public var syllableCount: Int
    public var speechRateSyllablesPerSecond: Double
    public var articulationRateSyllablesPerSecond: Double
    public var phonationTimeRatio: Double
    public var meanLengthOfRunSyllables: Double
    public var pausesPerMinute: Double
    public var meanPauseSeconds: Double
    public var longPauseCount: Int
    public var filledPauseCount: Int

    enum CodingKeys: String, CodingKey {
        case syllableCount = "syllable_count"
        case speechRateSyllablesPerSecond = "speech_rate_sps"
        case articulationRateSyllablesPerSecond = "articulation_rate_sps"
        case phonationTimeRatio = "phonation_time_ratio"
        case meanLengthOfRunSyllables = "mean_length_of_run_syll"
        case pausesPerMinute = "pauses_per_min"
        case meanPauseSeconds = "mean_pause_s"
        case longPauseCount = "long_pause_count"
        case filledPauseCount = "filled_pause_count"
    }

    public init(syllableCount: Int, speechRateSyllablesPerSecond: Double, articulationRateSyllablesPerSecond: Double,
                phonationTimeRatio: Double, meanLengthOfRunSyllables: Double, pausesPerMinute: Double,
                meanPauseSeconds: Double, longPauseCount: Int, filledPauseCount: Int) {
        self.syllableCount = syllableCount
        self.speechRateSyllablesPerSecond = speechRateSyllablesPerSecond
        self.articulationRateSyllablesPerSecond = articulationRateSyllablesPerSecond
        self.phonationTimeRatio = phonationTimeRatio
        self.meanLengthOfRunSyllables = meanLengthOfRunSyllables
        self.pausesPerMinute = pausesPerMinute
        self.meanPauseSeconds = meanPauseSeconds
        self.longPauseCount = longPauseCount
        self.filledPauseCount = filledPauseCount
    }
}
