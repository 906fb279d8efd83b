/// What the model speakers' own recordings give on one word in the whole-utterance forced alignment
/// (`UtteranceForcedAlignment` run on each reference as if it were a learner): the median over references of the
/// word's omission ratio, aligned goodness and error-variant ratio, each clipped like the learner's.
///
/// Why (model v8): the forced alignment measures a reading against espeak-ng's en-us phonemes of the prompt, not
/// against the teacher. Where the teachers themselves do not say those phonemes (another accent: an r-less "world",
/// /ɒ/ in "hot"; a reduced form: "a" merged into "draw a"), a learner who follows them looks as if the word were
/// mispronounced or missing. Measured against the teachers' own evidence, only what is worse than theirs counts
/// (the reference-normalised comparison of Bartelds et al. 2020, applied to the phone evidence).
public struct ReferenceWordEvidence: Sendable, Equatable {
    /// Median omission log ratio, nats per phone (> 0: the teachers' own recordings are explained better without the word).
    public var omissionLogRatio: Double
    /// Median goodness on the aligned frames, mean over frames (<= 0).
    public var goodnessFrameMean: Double
    /// Median goodness of the worst phone (<= 0).
    public var goodnessPhoneMinimum: Double
    /// Median goodness on the reference's own span of the word (its word timings), mean over frames (<= 0): the
    /// counterpart of the learner's goodness on the span DTW gives the word (`gop_mean`).
    public var spanGoodnessFrameMean: Double
    /// Median goodness of the worst phone on the reference's own span (<= 0; `gop_min`).
    public var spanGoodnessPhoneMinimum: Double
    /// Median error-variant ratio, nats per phone (> 0: an error variant explains the teachers better than the
    /// expected phones); `nil` when the word has no variants.
    public var variantLogRatio: Double?

    public init(omissionLogRatio: Double, goodnessFrameMean: Double, goodnessPhoneMinimum: Double,
                spanGoodnessFrameMean: Double, spanGoodnessPhoneMinimum: Double, variantLogRatio: Double?) {
        self.omissionLogRatio = omissionLogRatio
        self.goodnessFrameMean = goodnessFrameMean
        self.goodnessPhoneMinimum = goodnessPhoneMinimum
        self.spanGoodnessFrameMean = spanGoodnessFrameMean
        self.spanGoodnessPhoneMinimum = spanGoodnessPhoneMinimum
        self.variantLogRatio = variantLogRatio
    }

    /// Medians over the references of one word (`aligned`: each reference's forced alignment, `span`: goodness on
    /// its own span); `nil` when no reference has both. Ratios are clipped to +-`clip` first, so one reference's
    /// unbounded ratio cannot move the median.
    static func median(aligned: [UtteranceForcedAlignment.Word?], span: [GoodnessOfPronunciation.Result?],
                       clip: Double) -> ReferenceWordEvidence? {
        let pairs = zip(aligned, span).compactMap { a, s in a.flatMap { a in s.map { (a, $0) } } }
        guard !pairs.isEmpty else { return nil }
        func clipped(_ value: Double) -> Double { min(clip, max(-clip, value)) }
        func median(_ values: [Double]) -> Double { PronunciationScorer.median(values) }
        let variants = pairs.compactMap(\.0.variantLogRatio).map(clipped)
        return ReferenceWordEvidence(omissionLogRatio: median(pairs.map { clipped($0.0.omissionLogRatio) }),
                                     goodnessFrameMean: median(pairs.map(\.0.goodness.frameMean)),
                                     goodnessPhoneMinimum: median(pairs.map(\.0.goodness.phoneMinimum)),
                                     spanGoodnessFrameMean: median(pairs.map(\.1.frameMean)),
                                     spanGoodnessPhoneMinimum: median(pairs.map(\.1.phoneMinimum)),
                                     variantLogRatio: variants.isEmpty ? nil : median(variants))
    }
}
