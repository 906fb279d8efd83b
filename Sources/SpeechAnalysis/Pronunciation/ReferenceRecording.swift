/// A model recording as handed to the analysis: decoded samples (16 kHz mono), optional word timings
/// (from its sidecar) and optional F0 track.
public struct ReferenceRecording: Sendable {
    public var name: String
    public var samples: [Float]
    public var sampleRateHz: Int
    public var words: [ReferenceWord]?
    public var f0: F0Track?

    public init(name: String, samples: [Float], sampleRateHz: Int, words: [ReferenceWord]?, f0: F0Track? = nil) {
        self.name = name
        self.samples = samples
        self.sampleRateHz = sampleRateHz
        self.words = words
        self.f0 = f0
    }
}
