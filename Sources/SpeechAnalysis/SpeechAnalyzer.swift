import SpeechAudio
import SpeechDSP

/// Runs every requested analysis on one decoded recording and assembles the result document.
///
/// Holds the per-worker analysis objects (FFT plans, buffers): make one per worker thread and reuse it
/// for every recording; it is not thread-safe.
public final class SpeechAnalyzer {
    public let configuration: AnalysisConfiguration
    private var pronunciationScorer: PronunciationScorer?

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
    }

    public func analyze(_ audio: DecodedAudio, request: AnalysisRequest = AnalysisRequest()) -> ResultDocument {
        var document = ResultDocument(audio: AudioSection(audio))
        // Pitch, speech/pauses/fluency fill their sections here as they land (before pronunciation, which reads pitch).
        if request.sections.contains(.pronunciation) && !request.references.isEmpty {
            do {
                document.pronunciation = try pronunciation(audio, references: request.references, pitch: document.pitch)
            } catch {
                document.audio.warnings.append("pronunciation not scored: \(error)")
            }
        }
        return document
    }

    /// The pronunciation section of `audio` against `references` (SPEC "Pronunciation against reference audio").
    /// Intonation needs F0 of the learner (`pitch`) and of each reference (`ReferenceRecording.f0`);
    /// without them `intonation` is null and the other scores are unaffected.
    public func pronunciation(_ audio: DecodedAudio, references: [ReferenceRecording],
                              pitch: PitchSection?) throws(PronunciationError) -> PronunciationSection {
        let scorer = try pronunciationScorerForWorker()
        // SEAM (pitch): when the pitch tracker is on main, fill `f0` of references that lack it here, with the
        // same tracker and settings as the learner's pitch section.
        let set = try scorer.prepare(references)
        return try scorer.score(learner: audio.samples, learnerF0: pitch.map(F0Track.init), references: set)
    }

    private func pronunciationScorerForWorker() throws(PronunciationError) -> PronunciationScorer {
        if let pronunciationScorer { return pronunciationScorer }
        let model: PronunciationCalibration
        if let configured = configuration.pronunciationModel { model = configured } else { model = try PronunciationCalibration.locateDefault() }
        let scorer = PronunciationScorer(parameters: model.parameters(base: configuration.pronunciation), calibration: model)
        pronunciationScorer = scorer
        return scorer
    }
}
