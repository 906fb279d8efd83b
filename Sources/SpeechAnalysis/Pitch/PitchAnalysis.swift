import SpeechAudio
import SpeechDSP

/// The pitch analysis of one worker: F0 track of a decoded recording (`PitchTracker`, docs/pitch.md) and the
/// result document's `pitch` section. Holds the tracker's FFT plans and buffers: one per worker thread.
public final class PitchAnalysis {
    public let parameters: PitchParameters
    private let tracker: PitchTracker

    public init(parameters: PitchParameters = PitchParameters()) {
        self.parameters = parameters
        tracker = PitchTracker(sampleRateHz: Double(DecodedAudio.analysisRateHz), parameters: parameters)
    }

    /// F0 (0 = unvoiced) and voicing probability per `hopSeconds` frame; frame i is at `i * hopSeconds`.
    /// Audio at another rate than 16 kHz gets a tracker of its own for that call.
    public func track(_ audio: DecodedAudio) -> PitchTrack {
        if audio.sampleRateHz == DecodedAudio.analysisRateHz { return tracker.track(audio.samples) }
        return PitchTracker(sampleRateHz: Double(audio.sampleRateHz), parameters: parameters).track(audio.samples)
    }

    /// The `pitch` section for a track: F0 with unvoiced frames as null, voicing, speaker-relative summary.
    public static func section(for track: PitchTrack) -> PitchSection {
        PitchSection(hopSeconds: track.hopSeconds,
                     f0Hz: track.f0Hz.map { $0 > 0 ? (Double($0) * 100).rounded() / 100 : nil },
                     voicing: track.voicingProbability.map { (Double($0) * 1000).rounded() / 1000 },
                     summary: PitchSummary(track: track))
    }
}
