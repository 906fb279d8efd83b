import SpeechDSP

/// A per-frame voicing track from a pitch tracker: the seam through which the pitch analysis feeds
/// speech activity (periodicity), filled pauses (flat pitch) and syllable nuclei (voiced peaks).
///
/// Frame `i` is at `i * hopSeconds`. When no track is given, `SpeechTimingAnalyzer` computes its own
/// cheap periodicity (`SpeechFrameAnalyzer`) instead.
public struct VoicingTrack: Sendable {
    public var hopSeconds: Double
    /// Voicing probability per frame, 0...1.
    public var voicingProbability: [Float]
    /// F0 per frame, Hz; 0 for an unvoiced frame.
    public var f0Hz: [Float]

    public init(hopSeconds: Double, voicingProbability: [Float], f0Hz: [Float]) {
        precondition(hopSeconds > 0, "voicing hop \(hopSeconds) s: must be positive")
        precondition(voicingProbability.count == f0Hz.count,
                     "voicing has \(voicingProbability.count) frames, f0 \(f0Hz.count): give one value per frame")
        self.hopSeconds = hopSeconds
        self.voicingProbability = voicingProbability
        self.f0Hz = f0Hz
    }

    /// The pitch tracker's own output.
    public init(_ track: PitchTrack) {
        self.init(hopSeconds: track.hopSeconds, voicingProbability: track.voicingProbability, f0Hz: track.f0Hz)
    }

    /// The track of a finished `pitch` section (null F0 = unvoiced).
    public init(pitch: PitchSection) {
        let count = min(pitch.f0Hz.count, pitch.voicing.count)
        self.init(hopSeconds: pitch.hopSeconds,
                  voicingProbability: pitch.voicing.prefix(count).map { Float($0) },
                  f0Hz: pitch.f0Hz.prefix(count).map { Float($0 ?? 0) })
    }

    /// The track resampled (nearest frame) onto `count` frames of `hopSeconds`.
    func aligned(toFrames count: Int, hopSeconds targetHop: Double) -> (voicing: [Float], f0Hz: [Float]) {
        var voicing = [Float](repeating: 0, count: count)
        var f0 = [Float](repeating: 0, count: count)
        guard !voicingProbability.isEmpty else { return (voicing, f0) }
        for i in 0..<count {
            let source = Int((Double(i) * targetHop / hopSeconds).rounded())
            guard source < voicingProbability.count else { break }
            voicing[i] = voicingProbability[source]
            f0[i] = f0Hz[source]
        }
        return (voicing, f0)
    }
}
