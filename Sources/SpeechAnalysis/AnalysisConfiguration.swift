import SpeechDSP

/// Every analysis default in one place (as Praat keeps its defaults), so a change of default is one edit
/// and the docs can point here. Each analysis adds its own parameter block.
public struct AnalysisConfiguration: Sendable {
    /// Pitch tracker: range 50-600 Hz, 10 ms hop, Praat's path costs (docs/pitch.md).
    public var pitch = PitchParameters()
    /// Speech activity, pauses, filled pauses and syllable nuclei (docs/fluency.md).
    public var speech = SpeechTimingParameters()

    /// Pronunciation against reference audio (docs/pronunciation.md).
    public var pronunciation = PronunciationParameters()
    /// Calibration (and projection) model of Models/pronunciation; `nil` = found by
    /// `PronunciationCalibration.locateDefault()` the first time a reference is given.
    public var pronunciationModel: PronunciationCalibration?
    /// Exercises whose prepared references (features, F0, word units, synthesis) one analyzer keeps for reuse;
    /// only references with an `identity` are kept (`PreparedReferenceCache`). 0 = prepare for every recording.
    public var preparedReferenceCacheEntries = 8
    public init() {}
}
