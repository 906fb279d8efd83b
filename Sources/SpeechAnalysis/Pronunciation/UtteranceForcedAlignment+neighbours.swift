extension UtteranceForcedAlignment {
    /// Per word of the last `align` (`nil`: no phones or no path) its omission log ratio with either neighbouring
    /// word optional: (best score with the word skipped - best score with it said) per expected phone, nats, where
    /// either path may also leave out the word before it or the word after it at `penalty` nats (model v26).
    ///
    /// Why: `omissionLogRatio` holds every other word present. When the learner left out a neighbour ("the chairs"
    /// read as "the"), the absent neighbour's phones must still take frames, and they take them from the word beside
    /// it: over the test split and sixteen independent synthetic sets, 81 of the 186 words v23 wrongly called omitted
    /// stood next to a word that was omitted (7 % of all said words in error readings do). With the neighbour optional it is skipped on both paths and the word
    /// is measured on its own frames (the joint skip decision of forced alignment with optional words, Harrison, Lo,
    /// Qian & Meng 2009, limited to the neighbours; the penalty is the log prior odds against leaving a word out).
    ///
    /// Every path needed is one `align`'s tables already hold: the word said with a neighbour left out is that
    /// neighbour's skipped path; the word left out with a neighbour is the skipped path of the two words together.
    /// Cost: one more sweep like `skippedScores`, over pairs of adjacent words (model v25 made every other word
    /// optional with a second full forward-backward pass and was 17 % slower).
    /// - Parameters:
    ///   - skipped: `skippedScores` of the words, from the same tables.
    func neighbourOptionalOmissionRatios(firstState: [Int], lastState: [Int], skipped: [Float], penalty: Float) -> [Double?] {
        let words = firstState.indices.filter { firstState[$0] >= 0 }
        // Pair j leaves out words[j] and words[j + 1] together.
        let pairs = skippedScores(firstState: words.dropLast().map { firstState[$0] }, lastState: words.dropFirst().map { lastState[$0] })
        var ratios = [Double?](repeating: nil, count: firstState.count)
        for (j, w) in words.enumerated() where skipped[w] > Self.impossible {
            var said = total, left = skipped[w]
            if j > 0 {
                said = max(said, skipped[words[j - 1]] - penalty)
                left = max(left, pairs[j - 1] - penalty)
            }
            if j + 1 < words.count {
                said = max(said, skipped[words[j + 1]] - penalty)
                left = max(left, pairs[j] - penalty)
            }
            ratios[w] = Double(left - said) / Double(lastState[w] - firstState[w] + 1)
        }
        return ratios
    }
}
