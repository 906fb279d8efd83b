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
    private var pronunciationScorer: PronunciationScorer?
    /// Word timings from the prompt text for references without a sidecar (SpeechAnalyzer+alignment.swift).
    var referenceAligner: ReferenceAligner?

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
        let needsPronunciation = request.sections.contains(.pronunciation)
            && (!request.references.isEmpty || request.text != nil)
        let pitchTrack = request.sections.contains(.pitch) || needsTiming || needsPronunciation ? pitch.track(audio) : nil
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
        // Pronunciation reads the learner's F0 from the pitch section (intonation) when pitch was requested.
        if needsPronunciation {
            do {
                let learnerPitch = document.pitch ?? pitchTrack.map(PitchAnalysis.section(for:))
                let resolved = try referencesForScoring(request)
                document.pronunciation = try pronunciation(audio, references: resolved.references, pitch: learnerPitch)
                document.pronunciation?.referenceKind = resolved.kind
                document.pronunciation?.wordTimings = resolved.wordTimings
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
        // References without an F0 track get one from this worker's tracker, with the learner's settings.
        let tracked = references.map { reference -> ReferenceRecording in
            guard reference.f0 == nil else { return reference }
            var copy = reference
            let decoded = DecodedAudio(samples: reference.samples, sampleRateHz: reference.sampleRateHz,
                                       sourceSampleRateHz: reference.sampleRateHz, channels: 1, format: "reference",
                                       clippedFraction: 0, warnings: [])
            copy.f0 = F0Track(PitchAnalysis.section(for: self.pitch.track(decoded)))
            return copy
        }
        let set = try scorer.prepare(tracked)
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
