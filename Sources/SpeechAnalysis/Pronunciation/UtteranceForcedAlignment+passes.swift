extension UtteranceForcedAlignment {
    /// Fills `forward` (with `step`, the move into each cell) and `backward` for the states of the last `align`,
    /// frames scored `log p(state's class | frame) - log p(class)`. Through raw pointers: with the arrays (stored
    /// properties of a class) every cell paid an exclusivity and a uniqueness check, most of the passes' time.
    func viterbiPasses(logPosteriors: [Float], classCount c: Int, logPriors: [Float]?) {
        let t = frameCount, k = stateCount
        let classes = states, priors = states.map { logPriors?[$0] ?? 0 }
        logPosteriors.withUnsafeBufferPointer { lp in
            classes.withUnsafeBufferPointer { classes in
                priors.withUnsafeBufferPointer { priors in
                    skippable.withUnsafeBufferPointer { skippable in
                        forward.withUnsafeMutableBufferPointer { forward in
                            step.withUnsafeMutableBufferPointer { step in
                                // Stay, advance one state, or jump over a skippable (silence) state.
                                forward[0] = lp[classes[0]] - priors[0]
                                forward[1] = lp[classes[1]] - priors[1]
                                for i in 1..<t {
                                    let previous = (i - 1) * k, row = i * k, frame = i * c
                                    for s in 0..<k {
                                        var best = forward[previous + s], move: UInt8 = 0
                                        if s >= 1, forward[previous + s - 1] > best { best = forward[previous + s - 1]; move = 1 }
                                        if s >= 2, skippable[s - 1], forward[previous + s - 2] > best { best = forward[previous + s - 2]; move = 2 }
                                        guard best > Self.impossible else { continue }
                                        forward[row + s] = best + (lp[frame + classes[s]] - priors[s])
                                        step[row + s] = move
                                    }
                                }
                            }
                        }
                        backward.withUnsafeMutableBufferPointer { backward in
                            // Best score of frames i...t-1 given state s at frame i, ending in the last (or last phone) state.
                            let lastRow = (t - 1) * k, lastFrame = (t - 1) * c
                            backward[lastRow + k - 1] = lp[lastFrame + classes[k - 1]] - priors[k - 1]
                            backward[lastRow + k - 2] = lp[lastFrame + classes[k - 2]] - priors[k - 2]
                            for i in stride(from: t - 2, through: 0, by: -1) {
                                let next = (i + 1) * k, row = i * k, frame = i * c
                                for s in 0..<k {
                                    var best = backward[next + s]
                                    if s + 1 < k { best = max(best, backward[next + s + 1]) }
                                    if s + 2 < k, skippable[s + 1] { best = max(best, backward[next + s + 2]) }
                                    guard best > Self.impossible else { continue }
                                    backward[row + s] = best + (lp[frame + classes[s]] - priors[s])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Per word (`firstState[w]`...`lastState[w]`, -1 = no phones) the best utterance score with the word skipped:
    /// the path is in the pause before it (or the previous word's last phone) at frame i and in the pause after it
    /// (or the next word's first phone) at frame i + 1; `impossible` when no such path exists or the word has no
    /// phones. One sweep down the tables for all words at once: word by word, the walk down a column missed the
    /// cache on every frame. A "word" may be any run of words (`firstState` of its first, `lastState` of its last).
    func skippedScores(firstState: [Int], lastState: [Int]) -> [Float] {
        let t = frameCount, k = stateCount
        let words = firstState.indices.filter { firstState[$0] >= 0 }
        let edges = words.map { wordEdges(first: firstState[$0], last: lastState[$0]) }
        // Each word's one or two entry and exit states (-1: none), flat.
        let entries = edges.flatMap { [$0.entry[0], $0.entry.count > 1 ? $0.entry[1] : -1] }
        let exits = edges.flatMap { [$0.exit[0], $0.exit.count > 1 ? $0.exit[1] : -1] }
        var skipped = [Float](repeating: Self.impossible, count: firstState.count)
        forward.withUnsafeBufferPointer { forward in
            backward.withUnsafeBufferPointer { backward in
                for i in -1..<t {
                    for (n, w) in words.enumerated() {
                        var head = Self.impossible, tail = Self.impossible
                        if i >= 0 {
                            for s in entries[2 * n ... 2 * n + 1] where s >= 0 { head = max(head, forward[i * k + s]) }
                        } else if edges[n].startAtZero {
                            head = 0
                        }
                        if i + 1 < t {
                            for s in exits[2 * n ... 2 * n + 1] where s >= 0 { tail = max(tail, backward[(i + 1) * k + s]) }
                        } else if edges[n].endAtLast {
                            tail = 0
                        }
                        guard head > Self.impossible, tail > Self.impossible else { continue }
                        skipped[w] = max(skipped[w], head + tail)
                    }
                }
            }
        }
        return skipped
    }
}
