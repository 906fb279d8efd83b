/// The references of one exercise, prepared once: features, scoring units, and the spread between
/// references (how far correct model speakers are from each other on each unit), which normalises a
/// learner's distances so that "as far as another native speaker" means the same for every word.
public struct ReferenceSet: Sendable {
    public var references: [PreparedReference]
    /// `spread[r][u]`: mean over the other references of their distance to reference `r` on unit `u`
    /// (shrunk toward reference `r`'s utterance-wide spread). Empty with a single reference.
    public var spread: [[PronunciationCalibration.Spread]]
    /// `rowSpread[r][j]`: mean over the other references of their local distance on row `j` of reference `r`
    /// (smoothed over +-`rowSpreadSmoothingFrames` rows, floored at a quarter of the utterance mean). Empty with one reference.
    public var rowSpread: [[Double]] = []
    /// Utterance-wide spread per reference (mean over units), empty with a single reference.
    public var utteranceSpread: [PronunciationCalibration.Spread]
    /// Per word, the phone model's class indices of espeak-ng's phonemes of the word (`SpeechSynthesizer.phonemes`;
    /// model v23: the form of it the references say, `PronunciationScorer.wordPhonesSpoken`);
    /// `nil` without word timings, without a phone model, or when espeak-ng is unavailable.
    public var wordPhones: [[Int]]? = nil
    /// Per word, the error variants of `wordPhones` (`PronunciationVariants`); `nil` when `wordPhones` is.
    public var wordVariants: [[PronunciationVariants.Variant]]? = nil
    /// Per word, the references' own forced-alignment evidence (`ReferenceWordEvidence`, medians over references);
    /// `nil` when `wordPhones` is, or when no reference could be aligned.
    public var referenceWordEvidence: [ReferenceWordEvidence?]? = nil
    /// Per gap between words, the references' own filler ratio (median of `UtteranceForcedAlignment.Gap.insertionLogRatio`),
    /// keyed by the index of the word before the gap (-1: before the first word); `nil` when `referenceWordEvidence` is.
    public var referenceGapLogRatios: [Int: Double]? = nil

    /// Word mode: every reference has the same word timings' word list; otherwise pseudo-word units.
    public var hasWordTimings: Bool { references.allSatisfy(\.hasWordTimings) }
    public var count: Int { references.count }
}
