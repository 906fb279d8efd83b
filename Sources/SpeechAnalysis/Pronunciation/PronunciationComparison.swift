/// Raw evidence of one learner against a `ReferenceSet`, before calibration: what the bench fits the
/// calibration model on, and what `PronunciationScorer.score` maps to 0-100.
public struct PronunciationComparison: Sendable {
    public struct UnitEvidence: Sendable, Equatable {
        public var label: String
        /// log(mean distance / reference spread), mean over the best references.
        public var logMeanRatio: Double
        /// log(peak distance / reference spread), mean over the best references.
        public var logPeakRatio: Double
        /// Median over references of log(relative duration): ~0 same pace, very negative = collapsed (omitted).
        public var logRelativeDuration: Double
        public var learnerStartSeconds: Double
        public var learnerEndSeconds: Double
        public var referenceStartSeconds: Double
        public var referenceEndSeconds: Double
        /// Index of the reference the learner was closest to on this unit (its times are reported).
        public var bestReference: Int
        /// Goodness of pronunciation of the learner span against the word's expected phones (phone model only).
        public var goodness: GoodnessOfPronunciation.Result? = nil
        /// The word in the whole-utterance forced alignment (`UtteranceForcedAlignment`, phone model only):
        /// omission log ratio and goodness on the word's aligned frames.
        public var aligned: UtteranceForcedAlignment.Word? = nil
        /// The same evidence on the references' own recordings (medians; `ReferenceWordEvidence`): what the model
        /// speakers themselves score on the word, against which model v8 measures the learner.
        public var referenceAligned: ReferenceWordEvidence? = nil
        /// The word's goodness under PocketSphinx's human-trained model (`SphinxWordGoodness`, nats per frame), when
        /// the calibration reads it (model v14's omission trees, `human_goodness`); nil otherwise or when it could
        /// not be measured (a prompt word neither in its dictionary nor transcribed by espeak-ng, a recording too
        /// short or too long for the prompt).
        public var humanGoodness: Double? = nil
        /// Under the same model, the word's worst phone goodness (`SphinxWordGoodness.Word.phoneMinimum`) and its
        /// error variants' log ratio (`variantLogRatio`), when the calibration reads them (model v17,
        /// `human_goodness_min`, `human_variant_llr`); nil as for `humanGoodness`, or the word has no variant.
        public var humanPhoneMinimum: Double? = nil
        public var humanVariantLogRatio: Double? = nil
    }

    public struct InsertionCandidate: Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        /// Mean local distance over the stretch divided by the utterance's mean local distance.
        public var distanceRatio: Double
        /// Largest `InsertionGap.logRatio` of the forced alignment's gaps that overlap the stretch; `nil` without a
        /// phone model or when no gap overlaps.
        public var fillerLogRatio: Double? = nil
        /// The same, with each gap's ratio less the references' own positive ratio at that gap (model v8): extra
        /// speech the model speakers have too (a linking sound, a breath) is not an inserted word.
        public var fillerLogRatioOverReferences: Double? = nil
        /// Mean forced minus free path score per frame of PocketSphinx's human-trained model over the stretch
        /// (`SphinxWordGoodness.Alignment.goodness(fromSeconds:toSeconds:)`), when the model is measured: words the
        /// prompt does not have sound far worse than 0; a stretch where nothing was inserted near 0.
        public var humanGoodness: Double? = nil
    }

    /// Extra speech between expected words in the whole-utterance forced alignment (phone model only).
    public struct InsertionGap: Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        /// `UtteranceForcedAlignment.Gap.insertionLogRatio`, nats.
        public var logRatio: Double
        /// The references' own ratio at the same gap (median; `ReferenceSet.referenceGapLogRatios`), nats.
        public var referenceLogRatio: Double? = nil
    }

    /// Units of the primary reference (words, or pseudo-words without timings), in reference order.
    public var units: [UnitEvidence]
    public var hasWordTimings: Bool
    public var insertionCandidates: [InsertionCandidate]
    /// One per gap between words with phones (empty without a phone model or word timings).
    public var insertionGaps: [InsertionGap] = []
    public var intonation: IntonationComparison.Result?
    public var rhythm: RhythmComparison.Result?
    /// Speech time over the span from first to last speech frame (internal pauses lower it), 0...1.
    public var phonationRatio: Double
    /// Reference speech frames (mean) over learner speech frames: > 1 when the learner is faster.
    public var rateRatio: Double
    public var referenceCount: Int
    /// Temperature applied to the learner's phone posteriors (`PronunciationScorer.temperingTemperature`; 1 = none).
    public var posteriorTemperature: Double = 1
    /// Median word goodness of the prompt under PocketSphinx's human-trained model, when the tempering gate asked
    /// for it (`PronunciationParameters.posteriorTemperingGate`); nil otherwise or when it could not be measured.
    public var humanModelGoodness: Double?
}
