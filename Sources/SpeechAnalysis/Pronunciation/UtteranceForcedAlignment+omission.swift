extension UtteranceForcedAlignment {
    /// Word `w` of the last `align` with each expected phone held for at least `minimumPhoneFrames` frames (a chain
    /// of that many states, the word's boundaries free within `variantWindowFrames` of its aligned frames, the rest
    /// of the utterance aligned as before): (`skippedScore` - that path's score) per expected phone, nats.
    ///
    /// Why: with one frame per phone the plain ratio lets a short word ("a", "the") that was left out squeeze into
    /// two or three frames of its neighbours' junction at little cost, so its omission ratio stays near zero; a
    /// said function word lasts 40-100 ms (Klatt 1976, JASA 59, on segmental durations in English), so holding each
    /// phone 20-30 ms costs a said word little and an absent one the frames it has to borrow. `nil` when no such
    /// path exists (the window is shorter than the chain).
    func heldOmissionEvidence(word w: Int, skippedScore: Float, logPosteriors lp: UnsafeBufferPointer<Float>, classCount c: Int,
                              logPriors: [Float]?, minimumPhoneFrames: Int) -> Double? {
        guard let (lo, hi, range) = wordWindow(w) else { return nil }
        guard let held = heldPhonesScore(Array(states[range]), minimumPhoneFrames: minimumPhoneFrames, lo: lo, hi: hi,
                                         logPosteriors: lp, classCount: c, logPriors: logPriors) else { return nil }
        return Double(skippedScore - held) / Double(range.count)
    }
}
