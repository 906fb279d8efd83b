import SpeechAudio
import SpeechDSP

/// Runs every requested analysis on one decoded recording and assembles the result document.
///
/// Holds the per-worker analysis objects (FFT plans, buffers): make one per worker thread and reuse it
/// for every recording; it is not thread-safe.
public final class SpeechAnalyzer {
    public let configuration: AnalysisConfiguration
    /// F0 tracker of this worker (FFT plans made once, here).
    public let pitch: PitchAnalysis
    private let speechTiming: SpeechTimingAnalyzer

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
        pitch = PitchAnalysis(parameters: configuration.pitch)
        speechTiming = SpeechTimingAnalyzer(sampleRateHz: Double(DecodedAudio.analysisRateHz),
                                            parameters: configuration.speech)
    }

    public func analyze(_ audio: DecodedAudio, request: AnalysisRequest = AnalysisRequest()) -> ResultDocument {
        var document = ResultDocument(audio: AudioSection(audio))
        // One F0 track serves the pitch section and speech timing (speech activity, filled pauses and
        // voiced syllable peaks all use its voicing), so pitch runs first.
        let needsTiming = !request.sections.isDisjoint(with: [.speech, .fluency])
        let pitchTrack = request.sections.contains(.pitch) || needsTiming ? pitch.track(audio) : nil
        if request.sections.contains(.pitch), let pitchTrack {
            document.pitch = PitchAnalysis.section(for: pitchTrack)
        }
        if needsTiming {
            precondition(audio.sampleRateHz == DecodedAudio.analysisRateHz,
                         "audio at \(audio.sampleRateHz) Hz: decode with AudioDecoder, which resamples to 16 kHz")
            let timing = speechTiming.analyze(samples: audio.samples, voicing: pitchTrack.map(VoicingTrack.init))
            if request.sections.contains(.speech) { document.speech = timing.section }
            if request.sections.contains(.fluency) {
                document.fluency = FluencyMeasures.section(for: timing, longPauseSeconds: configuration.speech.longPauseSeconds)
            }
        }
        // Pronunciation fills its section here when it lands.
        return document
    }
}
