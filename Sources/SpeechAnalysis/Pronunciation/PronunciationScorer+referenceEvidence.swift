extension PronunciationScorer {
    /// What the references' own recordings give in the phone evidence, per word and per gap between words.
    struct ReferencePhoneEvidence {
        var words: [ReferenceWordEvidence?]
        /// Median over references of `UtteranceForcedAlignment.Gap.insertionLogRatio`, keyed by the gap's `afterWord`
        /// (-1: before the first word).
        var gapLogRatios: [Int: Double]
    }

    /// Each reference force-aligned against the expected phones exactly as a learner is (`compare`), plus goodness
    /// on its own span of each word (its word timings, where the learner's comes from the DTW span), and per word
    /// and per gap the median over references. Costs one forced alignment and its filler passes per reference, once
    /// per exercise (the phone-classifier pass is `prepare`'s, shared with `wordPhonesSpoken`).
    /// - Parameters:
    ///   - references: the exercise's prepared references.
    ///   - posteriors: each reference's phone posteriors (`nil` for one without `normalizedFeatures`).
    func referencePhoneEvidence(_ references: [PreparedReference], posteriors referencePosteriors: [PhonePosteriors?],
                                wordPhones: [[Int]]?, wordVariants: [[PronunciationVariants.Variant]]?) -> ReferencePhoneEvidence? {
        guard let phones, let wordPhones, let silence = phones.model.classIndex["_"] else { return nil }
        var aligned = [[UtteranceForcedAlignment.Word?]](), spans = [[GoodnessOfPronunciation.Result?]]()
        var gaps = [Int: [Double]]()
        for (reference, computed) in zip(references, referencePosteriors) {
            guard let computed, reference.units.count == wordPhones.count else { continue }
            func align(_ posteriors: PhonePosteriors) -> [UtteranceForcedAlignment.Word?]? {
                utteranceAlignment.align(logPosteriors: posteriors, logPriors: phones.model.logPriors, wordPhones: wordPhones,
                                         silenceClass: silence, wordVariants: wordVariants,
                                         variantMinimumPhoneFrames: parameters.variantMinimumPhoneFrames,
                                         neighbourSkipPenalty: parameters.omissionNeighbourSkipPenalty)
            }
            // A reference the classifier explains as badly as a human voice is tempered by the learners' rule (model v12).
            var posteriors = computed
            guard var words = align(posteriors) else { continue }
            if let temperature = temperingTemperature(words) {
                posteriors = posteriors.tempered(by: Float(temperature))
                guard let tempered = align(posteriors) else { continue }
                words = tempered
            }
            aligned.append(words)
            spans.append(zip(reference.units, wordPhones).map { unit, phones in
                goodness.evaluate(logPosteriors: posteriors, rows: unit.rows, phones: phones)
            })
            for gap in utteranceAlignment.insertionGaps(minimumFrames: parameters.insertionFillerMinimumFrames,
                                                        frameCost: parameters.insertionFillerFrameCost) {
                gaps[gap.afterWord ?? -1, default: []].append(gap.insertionLogRatio)
            }
        }
        guard !aligned.isEmpty else { return nil }
        let clip = calibration?.omissionLogRatioClip ?? 5
        let words = wordPhones.indices.map { w in
            ReferenceWordEvidence.median(aligned: aligned.map { $0[w] }, span: spans.map { $0[w] }, clip: clip)
        }
        return ReferencePhoneEvidence(words: words, gapLogRatios: gaps.mapValues(Self.median))
    }
}
