/// Every analysis default in one place (as Praat keeps its defaults), so a change of default is one edit
/// and the docs can point here. Each analysis adds its own parameter block.
public struct AnalysisConfiguration: Sendable {
    /// Speech activity, pauses, filled pauses and syllable nuclei (docs/fluency.md).
    public var speech = SpeechTimingParameters()

    public init() {}
}
