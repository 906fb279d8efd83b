extension UtteranceForcedAlignment {
    /// A place between two expected words (or before the first, or after the last) and how much better the
    /// learner's frames are explained with extra speech there.
    public struct Gap: Sendable, Equatable {
        /// Index (into `wordPhones`) of the word before the gap; `nil` = before the first word with phones.
        public var afterWord: Int?
        /// Best utterance score with a filler of any phones in the gap minus the best score without, nats.
        public var insertionLogRatio: Double
        /// Learner rows (kept frames) the filler takes in that best path.
        public var rows: Range<Int>
    }

    /// How far (frames) the filler may reach into the neighbouring words' aligned frames.
    static let insertionWindowFrames = 50

    /// Inserted speech (model v6) after the last `align`: at every gap between consecutive words, the utterance is
    /// aligned once more with a filler between them that takes >= `minimumFrames` frames, each scored by its best
    /// non-pause class (a free phone loop: the garbage model of keyword spotting, Rose & Paul 1990), less
    /// `frameCost` nats; the neighbours' phones keep >= 1 frame each. A word the learner added is speech that
    /// the expected phones can explain only by stretching the neighbours or the pause over it, so the filler
    /// wins by much; between words said as expected it wins by little (the frames' best class beats the
    /// expected one only where the classifier is unsure). Empty when the last `align` failed.
    public func insertionGaps(minimumFrames: Int = 5, frameCost: Float = 2) -> [Gap] {
        guard let aligned, minimumFrames >= 1 else { return [] }
        let words = wordStates.indices.filter { wordStates[$0] != nil && wordRows[$0] != nil }
        guard !words.isEmpty else { return [] }
        let t = frameCount, k = stateCount, c = aligned.posteriors.logPosteriors.dimension, w = Self.insertionWindowFrames
        let filler: [Float] = aligned.posteriors.logPosteriors.values.withUnsafeBufferPointer { lp in
            (0..<t).map { i in
                var top = Self.impossible
                for j in 0..<c where j != aligned.silenceClass { top = max(top, lp[i * c + j] - (aligned.logPriors?[j] ?? 0)) }
                return top - frameCost
            }
        }
        var gaps = [Gap]()
        for g in 0...words.count {
            let before = g > 0 ? words[g - 1] : nil, after = g < words.count ? words[g] : nil
            let lo = before.map { max(0, wordRows[$0]!.upperBound - 1 - w) } ?? 0
            let hi = after.map { min(t - 1, wordRows[$0]!.lowerBound + w) } ?? t - 1
            guard hi - lo + 1 >= minimumFrames else { continue }
            // From the previous word's last phone or the pause after it, into that pause or the next word's first phone.
            let pause = before.map { wordStates[$0]!.upperBound + 1 } ?? 0
            let entry = before.map { [wordStates[$0]!.upperBound, pause] } ?? [0]
            let exit = after.map { [pause, wordStates[$0]!.lowerBound] } ?? [k - 1]
            fillPathEdges(lo: lo, hi: hi, entryStates: entry, startAtZero: before == nil, exitStates: exit, endAtLast: after == nil)
            guard let best = bestPathThrough(stateCount: minimumFrames, lo: lo, hi: hi, emission: { i, _ in filler[i] }) else { continue }
            gaps.append(Gap(afterWord: before, insertionLogRatio: Double(best.score - total), rows: best.rows))
        }
        return gaps
    }
}
