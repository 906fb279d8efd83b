extension UtteranceForcedAlignment {
    /// Word `w` of the last `align` said as each of its error variants (`PronunciationVariants`), the rest of the
    /// utterance aligned as before and the word's boundaries free within `variantWindowFrames` of its aligned
    /// frames: (best variant's utterance score - the expected phones' score) per expected phone, and that variant.
    /// Each phone of either takes >= `minimumPhoneFrames` frames (a chain of that many states): a dropped consonant
    /// then costs the expected path that many frames of the wrong class, not one (model v7).
    func variantEvidence(word w: Int, variants: [PronunciationVariants.Variant], logPosteriors lp: UnsafeBufferPointer<Float>,
                         classCount c: Int, logPriors: [Float]?, minimumPhoneFrames: Int = 1) -> (Double, PronunciationVariants.Variant)? {
        guard let (lo, hi, range) = wordWindow(w) else { return nil }
        func through(_ phones: [Int]) -> Float? {
            heldPhonesScore(phones, minimumPhoneFrames: minimumPhoneFrames, lo: lo, hi: hi, logPosteriors: lp, classCount: c,
                            logPriors: logPriors)
        }
        guard let expected = through(Array(states[range])) else { return nil }
        var best: (score: Float, variant: PronunciationVariants.Variant)? = nil
        for variant in variants {
            if let score = through(variant.phones), score > best?.score ?? Self.impossible { best = (score, variant) }
        }
        guard let best else { return nil }
        return (Double(best.score - expected) / Double(range.count), best.variant)
    }
}
