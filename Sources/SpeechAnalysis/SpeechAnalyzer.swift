import SpeechAudio
import SpeechDSP

/// Runs every requested analysis on one decoded recording and assembles the result document.
///
/// Holds the per-worker analysis objects (FFT plans, buffers): make one per worker thread and reuse it
/// for every recording; it is not thread-safe.
public final class SpeechAnalyzer {
    public let configuration: AnalysisConfiguration
    private let speechTiming: SpeechTimingAnalyzer

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
        speechTiming = SpeechTimingAnalyzer(sampleRateHz: Double(DecodedAudio.analysisRateHz),
                                            parameters: configuration.speech)
    }

    public func analyze(_ audio: DecodedAudio, request: AnalysisRequest = AnalysisRequest()) -> ResultDocument {
        var document = ResultDocument(audio: AudioSection(audio))
        // Pitch and pronunciation fill their sections here as they land; pitch must run before speech so
        // that its voicing feeds speech activity, filled pauses and voiced syllable peaks.
        if !request.sections.isDisjoint(with: [.speech, .fluency]) {
            precondition(audio.sampleRateHz == DecodedAudio.analysisRateHz,
                         "audio at \(audio.sampleRateHz) Hz: decode with AudioDecoder, which resamples to 16 kHz")
            let voicing = document.pitch.map { VoicingTrack(pitch: $0) }
            let timing = speechTiming.analyze(samples: audio.samples, voicing: voicing)
            if request.sections.contains(.speech) { document.speech = timing.section }
            if request.sections.contains(.fluency) {
                document.fluency = FluencyMeasures.section(for: timing, longPauseSeconds: configuration.speech.longPauseSeconds)
            }
        }
        return document
    }
}
