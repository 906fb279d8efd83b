import SpeechAudio
import SpeechDSP

/// Runs every requested analysis on one decoded recording and assembles the result document.
///
/// Holds the per-worker analysis objects (FFT plans, buffers): make one per worker thread and reuse it
/// for every recording; it is not thread-safe.
public final class SpeechAnalyzer {
    public let configuration: AnalysisConfiguration

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
    }

    public func analyze(_ audio: DecodedAudio, request: AnalysisRequest = AnalysisRequest()) -> ResultDocument {
        let document = ResultDocument(audio: AudioSection(audio))
        // Pitch, speech/pauses/fluency and pronunciation fill their sections here as they land.
        return document
    }
}
