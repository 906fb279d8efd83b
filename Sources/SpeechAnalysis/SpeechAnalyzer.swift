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
    /// References prepared for earlier recordings of the same exercise (`ReferenceRecording.identity`).
    private var preparedReferences: PreparedReferenceCache

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.configuration = configuration
        pitch = PitchAnalysis(parameters: configuration.pitch)
        speechTiming = SpeechTimingAnalyzer(sampleRateHz: Double(DecodedAudio.analysisRateHz),
                                            parameters: configuration.speech)
        preparedReferences = PreparedReferenceCache(capacity: configuration.preparedReferenceCacheEntries)
    }

    /// How often `analyze` prepared an exercise's references and how often it reused a prepared one.
    public var preparedReferenceCounts: (prepared: Int, reused: Int) { (preparedReferences.misses, preparedReferences.hits) }

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
                let prepared = try resolvedAndPrepared(for: request)
                document.pronunciation = try pronunciationScorerForWorker()
                    .score(learner: audio.samples, learnerF0: learnerPitch.map(F0Track.init), references: prepared.set)
                document.pronunciation?.referenceKind = prepared.kind
                document.pronunciation?.wordTimings = prepared.wordTimings
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
        let set = try prepare(references)
        return try pronunciationScorerForWorker().score(learner: audio.samples, learnerF0: pitch.map(F0Track.init), references: set)
    }

    /// The request's references resolved (`referencesForScoring`) and prepared (`prepare`), or the ones prepared
    /// for an earlier recording of the same exercise when every reference has an `identity`.
    private func resolvedAndPrepared(for request: AnalysisRequest) throws -> PreparedReferenceCache.Entry {
        try preparedReferences.entry(for: PreparedReferenceCache.Key(request)) { () throws(any Error) in
            let resolved = try referencesForScoring(request)
            return PreparedReferenceCache.Entry(set: try prepare(resolved.references), kind: resolved.kind,
                                                wordTimings: resolved.wordTimings)
        }
    }

    /// Features, word units and F0 of the references, ready for `PronunciationScorer.score`.
    private func prepare(_ references: [ReferenceRecording]) throws(PronunciationError) -> ReferenceSet {
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
        return try scorer.prepare(tracked)
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
