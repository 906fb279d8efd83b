/// A model recording as handed to the analysis: decoded samples (16 kHz mono), optional word timings
/// (from its sidecar) and optional F0 track.
public struct ReferenceRecording: Sendable {
    public var name: String
    public var samples: [Float]
    public var sampleRateHz: Int
    public var words: [ReferenceWord]?
    public var f0: F0Track?
    /// A stable name for exactly these samples (and `f0`), e.g. the SHA-256 of the recording's bytes. With one
    /// on every reference of a request, `SpeechAnalyzer` prepares the references (features, F0, word units,
    /// alignment to the prompt text) once and reuses them for later recordings; `nil`: prepared every time.
    public var identity: String?

    public init(name: String, samples: [Float], sampleRateHz: Int, words: [ReferenceWord]?, f0: F0Track? = nil,
                identity: String? = nil) {
        self.name = name
        self.samples = samples
        self.sampleRateHz = sampleRateHz
        self.words = words
        self.f0 = f0
        self.identity = identity
    }
}
