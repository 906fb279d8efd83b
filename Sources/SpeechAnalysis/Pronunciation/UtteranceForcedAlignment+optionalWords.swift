extension UtteranceForcedAlignment {
    /// Per word of the last `align` (`nil`: no phones or no path) its omission log ratio with every *other* word
    /// optional: (best score with the word skipped - best score with it said) per expected phone, nats, where either
    /// path may also leave out any other word at `penalty` nats each (model v25).
    ///
    /// Why: `omissionLogRatio` holds every other word present. When the learner left out a neighbour ("the chairs"
    /// read as "the"), the absent neighbour's phones must still take frames, and they take them from the word beside
    /// it: on sixteen synthetic sets, 81 of the 186 words v23 wrongly called omitted stood next to a word that was
    /// omitted, against 7 % of all said words. With neighbours optional the absent one is skipped on both paths and
    /// the word is measured on its own frames. This is the joint form of the skip decision (forced alignment with
    /// optional word skips: Harrison, Lo, Qian & Meng 2009), the penalty being the log prior odds against leaving a
    /// word out; where every word was said and the penalty is large, the ratio is `omissionLogRatio`.
    ///
    /// Cost: one more forward and one more backward pass over the frames x states tables (the passes `align` makes),
    /// and their memory, kept between calls.
    func optionalWordOmissionRatios(firstState: [Int], lastState: [Int], penalty: Float, logPosteriors: [Float],
                                    classCount c: Int, logPriors: [Float]?) -> [Double?] {
        let t = frameCount, k = stateCount
        let edges = wordSkipEdges(firstState: firstState, lastState: lastState)
        let classes = states, priors = states.map { logPriors?[$0] ?? 0 }
        optionalForward.removeAll(keepingCapacity: true)
        optionalForward.append(contentsOf: repeatElement(Self.impossible, count: t * k))
        optionalBackward.removeAll(keepingCapacity: true)
        optionalBackward.append(contentsOf: repeatElement(Self.impossible, count: t * k))
        // Through raw pointers, as `viterbiPasses`: the arrays' exclusivity and bounds checks were most of the time.
        logPosteriors.withUnsafeBufferPointer { lp in
            classes.withUnsafeBufferPointer { classes in
                priors.withUnsafeBufferPointer { priors in
                    skippable.withUnsafeBufferPointer { optional in
                        edges.withUnsafeBufferPointer { edges in
                            optionalForward.withUnsafeMutableBufferPointer { forward in
                                for s in 0..<k {
                                    var start = s <= 1 ? Float(0) : Self.impossible
                                    if edges[4 * s] == Self.utteranceEdge || edges[4 * s + 1] == Self.utteranceEdge { start = max(start, -penalty) }
                                    if start > Self.impossible { forward[s] = start + (lp[classes[s]] - priors[s]) }
                                }
                                for i in 1..<t {
                                    let previous = (i - 1) * k, row = i * k, frame = i * c
                                    for s in 0..<k {
                                        var best = forward[previous + s]
                                        if s >= 1 { best = max(best, forward[previous + s - 1]) }
                                        if s >= 2, optional[s - 1] { best = max(best, forward[previous + s - 2]) }
                                        let a = Int(edges[4 * s]), b = Int(edges[4 * s + 1])
                                        if a >= 0 { best = max(best, forward[previous + a] - penalty) }
                                        if b >= 0 { best = max(best, forward[previous + b] - penalty) }
                                        if best > Self.impossible { forward[row + s] = best + (lp[frame + classes[s]] - priors[s]) }
                                    }
                                }
                            }
                            optionalBackward.withUnsafeMutableBufferPointer { backward in
                                let lastRow = (t - 1) * k, lastFrame = (t - 1) * c
                                for s in 0..<k {
                                    var end = s >= k - 2 ? Float(0) : Self.impossible
                                    if edges[4 * s + 2] == Self.utteranceEdge || edges[4 * s + 3] == Self.utteranceEdge { end = max(end, -penalty) }
                                    if end > Self.impossible { backward[lastRow + s] = end + (lp[lastFrame + classes[s]] - priors[s]) }
                                }
                                for i in stride(from: t - 2, through: 0, by: -1) {
                                    let next = (i + 1) * k, row = i * k, frame = i * c
                                    for s in 0..<k {
                                        var best = backward[next + s]
                                        if s + 1 < k { best = max(best, backward[next + s + 1]) }
                                        if s + 2 < k, optional[s + 1] { best = max(best, backward[next + s + 2]) }
                                        let a = Int(edges[4 * s + 2]), b = Int(edges[4 * s + 3])
                                        if a >= 0 { best = max(best, backward[next + a] - penalty) }
                                        if b >= 0 { best = max(best, backward[next + b] - penalty) }
                                        if best > Self.impossible { backward[row + s] = best + (lp[frame + classes[s]] - priors[s]) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let skipped = skippedScores(firstState: firstState, lastState: lastState, forward: optionalForward, backward: optionalBackward)
        // Every path that says a word passes its first phone. One sweep down the tables for all words, as
        // `skippedScores`: word by word, the walk down a column missed the cache on every frame.
        var said = [Float](repeating: Self.impossible, count: firstState.count)
        let words = firstState.indices.filter { firstState[$0] >= 0 }
        let forward = optionalForward, backward = optionalBackward
        for i in 0..<t {
            for w in words {
                let cell = i * k + firstState[w]
                let f = forward[cell], b = backward[cell]
                guard f > Self.impossible, b > Self.impossible else { continue }
                said[w] = max(said[w], f + b - (logPosteriors[i * c + classes[firstState[w]]] - priors[firstState[w]]))
            }
        }
        return firstState.indices.map { w -> Double? in
            guard firstState[w] >= 0, skipped[w] > Self.impossible, said[w] > Self.impossible else { return nil }
            return Double(skipped[w] - said[w]) / Double(lastState[w] - firstState[w] + 1)
        }
    }

    /// Marks the start (slots 0-1) or end (slots 2-3) of the utterance among a state's word-skip neighbours.
    static let utteranceEdge: Int32 = -2

    /// For each state, four slots (-1: none): two for the states a path may jump from into it by leaving out the
    /// word before it, two for the states it may jump to by leaving out the word after it, as `wordEdges` gives a
    /// word's surroundings; `utteranceEdge` where the left-out word starts or ends the utterance. A state follows or
    /// precedes at most one word, so two slots each suffice.
    func wordSkipEdges(firstState: [Int], lastState: [Int]) -> [Int32] {
        var slots = [Int32](repeating: -1, count: 4 * stateCount)
        func add(_ value: Int32, state: Int, offset: Int) {
            let i = 4 * state + offset
            if slots[i] == -1 { slots[i] = value } else { slots[i + 1] = value }
        }
        for w in firstState.indices where firstState[w] >= 0 {
            let edges = wordEdges(first: firstState[w], last: lastState[w])
            let before = edges.entry.map(Int32.init) + (edges.startAtZero ? [Self.utteranceEdge] : [])
            let after = edges.exit.map(Int32.init) + (edges.endAtLast ? [Self.utteranceEdge] : [])
            for state in edges.exit { for value in before { add(value, state: state, offset: 0) } }
            for state in edges.entry { for value in after { add(value, state: state, offset: 2) } }
        }
        return slots
    }
}
