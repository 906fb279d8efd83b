/// A pitch track: F0 and voicing probability per frame, frame `i` centred at `i * hopSeconds`.
/// The value the pitch, fluency and prosody analyses share.
public struct PitchTrack: Sendable, Equatable {
    public var hopSeconds: Double
    /// F0 per frame in Hz; 0 marks an unvoiced frame.
    public var f0Hz: [Float]
    /// Probability (0...1) that the frame is voiced; at least 0.5 exactly where `f0Hz` is non-zero.
    public var voicingProbability: [Float]

    public init(hopSeconds: Double, f0Hz: [Float], voicingProbability: [Float]) {
        precondition(f0Hz.count == voicingProbability.count)
        self.hopSeconds = hopSeconds
        self.f0Hz = f0Hz
        self.voicingProbability = voicingProbability
    }

    public var frameCount: Int { f0Hz.count }
    /// Time of frame `index`, seconds from the start of the signal.
    public func timeSeconds(ofFrame index: Int) -> Double { Double(index) * hopSeconds }
    /// F0 of the voiced frames only, in frame order.
    public var voicedF0Hz: [Float] { f0Hz.filter { $0 > 0 } }
}
