/// Every analysis default in one place (as Praat keeps its defaults), so a change of default is one edit
/// and the docs can point here. Each analysis adds its own parameter block.
public struct AnalysisConfiguration: Sendable {
    /// Pronunciation against reference audio (docs/pronunciation.md).
    public var pronunciation = PronunciationParameters()
    public init() {}
}
