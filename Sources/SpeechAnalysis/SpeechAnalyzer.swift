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

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
        pitch = PitchAnalysis(parameters: configuration.pitch)
    }

    public func analyze(_ audio: DecodedAudio, request: AnalysisRequest = AnalysisRequest()) -> ResultDocument {
        var document = ResultDocument(audio: AudioSection(audio))
        // One F0 track serves the pitch section and the analyses that reuse voicing (fluency: voiced nuclei).
        let pitchTrack = request.sections.contains(.pitch) || request.sections.contains(.fluency)
            ? pitch.track(audio) : nil
        if request.sections.contains(.pitch), let pitchTrack {
            document.pitch = PitchAnalysis.section(for: pitchTrack)
        }
        // Pitch, speech/pauses/fluency and pronunciation fill their sections here as they land.
        return document
    }
}
