import SpeechDSP

/// Defaults of the pronunciation comparison, in one place (see docs/pronunciation.md for the ranges).
public struct PronunciationParameters: Sendable, Equatable {
    /// Frame features compared by DTW.
    public enum FeatureKind: String, Sendable, Equatable {
        /// 13 MFCC + deltas + delta-deltas with per-utterance mean/variance normalisation over speech frames.
        case normalizedMFCC
        /// `normalizedMFCC` stacked over +-context frames and projected by the learned model
        /// (Models/pronunciation/projection-v1.json): distances reflect phones more than voices.
        case projectedMFCC
        /// Phone posteriorgram of the projected features under the model's phone classes; compared by -log(p . q).
        case phonePosteriorgram
        /// 13 plain MFCC, no deltas, no normalisation: the benchmark baseline.
        case plainMFCC
    }

    public var features = FeatureKind.projectedMFCC
    public var mfcc = MFCCAnalyzer.Parameters()
    /// Posteriorgram temperature (1 ... 5) and uniform floor (1e-4 ... 1e-2).
    public var posteriorTemperature: Float = 2
    public var posteriorFloor: Float = 1e-3
    /// Delta regression half-width, frames (1 ... 4).
    public var deltaHalfWidthFrames = 2
    public var alignment: DynamicTimeWarping.Parameters = {
        var p = DynamicTimeWarping.Parameters()
        p.bandMinimumFrames = 100
        p.bandFraction = 0
        p.stepPattern = .symmetricPenalized(penalty: 0.5)
        return p
    }()
    /// Speech/silence: a frame is speech when its level is above
    /// `floor + speechThresholdFraction * (peak - floor)` dB, floor = 10th, peak = 97th percentile of levels.
    public var speechThresholdFraction: Float = 0.3
    /// ... and at least this far above the floor, dB (keeps steady noise out).
    public var speechMinimumAboveFloorDecibels: Float = 6
    /// Non-speech runs at least this long inside the utterance are pauses and are cut out before alignment,
    /// seconds (0.1 ... 0.5); shorter gaps (stop closures) stay.
    public var minPauseSeconds = 0.15
    /// Frames kept on each side of the speech, so weak onsets and final releases are not cut.
    public var speechMarginFrames = 3
    /// Peak distance window along the reference, frames (3 ... 10): catches a wrong phone inside a long word.
    public var peakWindowFrames = 5
    /// With several references, word distances are the mean of the best `ceil(count * bestFraction)` references.
    public var bestReferenceFraction = 0.5
    /// Weight of the utterance-wide reference spread against the per-word spread (shrinkage, 0 ... 10).
    public var spreadShrinkage = 1.0
    /// Divide each reference row's distance by the other references' distance there (per-frame spread).
    public var normalizeByRowSpread = false
    /// Smoothing of the per-row reference spread, rows (0 ... 10).
    public var rowSpreadSmoothingFrames = 3
    /// Subtract the utterance's median word ratio (speaker/channel offset) from every word's ratio.
    public var centreOnUtteranceMedian = true
    /// A learner stretch of at least this length that advances the reference by at most
    /// `insertionMaxReferenceFrames` is a candidate inserted word, seconds.
    public var insertionMinSeconds = 0.15
    public var insertionMaxReferenceFrames = 2
    /// Inserted speech in the whole-utterance forced alignment (`UtteranceForcedAlignment.insertionGaps`): the
    /// filler between two words takes at least this many frames (1 ... 20) and costs this much per frame, nats
    /// (0 ... 5): the per-frame margin by which unexpected speech must beat the expected phones (2 chosen on the fit
    /// split: insertion precision 0.76 against 0.73 at 1, docs/pronunciation.md).
    public var insertionFillerMinimumFrames = 5
    public var insertionFillerFrameCost: Float = 2
    /// When a word's error variants are compared with its expected phones, each phone of either takes at least
    /// this many 10 ms frames (1 ... 5). With 1, the expected path pays for a dropped consonant with a single
    /// frame, so a deletion hardly moves the word's evidence; 3 frames (30 ms, about the shortest consonant) gave
    /// the best word AUC on the fit split (model v7, docs/pronunciation.md). Set from the calibration model.
    public var variantMinimumPhoneFrames = 1
    /// When >= 2, each word's omission log ratio is measured once more with every expected phone held at least this
    /// many 10 ms frames (`UtteranceForcedAlignment.Word.heldOmissionLogRatio`, the `held_omission_llr` term),
    /// 2 ... 5; 0 = not measured. Set from the calibration model.
    public var omissionMinimumPhoneFrames = 0
    /// When set, each word's omission log ratio (`omission_llr`) is measured with either neighbouring word optional,
    /// leaving it out costing this many nats (1 ... 50; `UtteranceForcedAlignment.neighbourOptionalOmissionRatios`):
    /// a neighbour the learner left out is then skipped on both paths instead of taking the word's frames. `nil` =
    /// every other word held present (models up to v23). Set from the calibration model.
    public var omissionNeighbourSkipPenalty: Float? = nil
    /// Phone posteriors of a reading (learner or reference) whose median word goodness is below this, nats per
    /// frame (-3 ... -0.5; `nil` = never), are tempered back to it (`PronunciationScorer.temperingTemperature`, model
    /// v12: -1.40, the fit readings' 5th percentile). Set from the calibration model.
    public var posteriorTemperingFloor: Double? = nil
    /// A reading is tempered only when PocketSphinx's human-trained acoustic model hears the prompt's words: the
    /// median of their `SphinxWordGoodness` (nats per frame, -4 ... -0.5; `nil` = no gate) is at least this
    /// (model v13: -1.98, the fit split's correct readings' 5th percentile). Without it a reading of another text
    /// is tempered as readily as a voice the classifier does not know. Set from the calibration model.
    public var posteriorTemperingGate: Double? = nil
    /// Measure every word's goodness under PocketSphinx's human-trained acoustic model (one pass per reading, ~1/300
    /// of its length on one core) for the word and omission models (model v14's omission trees read it). Set from
    /// the calibration model.
    public var measuresHumanModelGoodness = false
    /// Expect of each word the form its model speakers say (model v23): where espeak-ng transcribes a word alone
    /// differently than in the sentence ("a" /eɪ/ against /ɐ/, "for" /fɔːɹ/ against /fɚ/), the form alone is expected
    /// when the references clearly say it: its goodness on their own frames of the word, averaged over references,
    /// is at least `spokenFormGoodnessAtLeast` (-3 ... 0 nats per frame) and beats the sentence form's by more than
    /// `spokenFormMarginNatsPerFrame` (0.5 ... 5). Where the references say it, the form alone scores -0.5 to 0 and
    /// the sentence form -8 to -38; where neither fits (-7 to -18 both), a looser rule (v22: margin 0.5, no floor)
    /// switched a word the learners said in the sentence form (docs/pronunciation-history.md "Models v22 and v23"). Set from the
    /// calibration model.
    public var wordPhonesFromReferences = false
    public var spokenFormGoodnessAtLeast = -1.0
    public var spokenFormMarginNatsPerFrame = 2.0
    /// Without word timings, the reference is cut into units of this length for rhythm and worst segments, s.
    public var pseudoWordSeconds = 0.25
    /// Worst segments reported when the reference has no word timings.
    public var worstSegmentCount = 3

    public init() {}
}
