extension UtteranceForcedAlignment {
    /// Where a path around the word on states `first...last` leaves the utterance's alignment and rejoins it: from
    /// the pause before the word or the previous word's last phone (or the utterance's start, for the first word),
    /// into the pause after it or the next word's first phone (or the utterance's end, for the last word).
    func wordEdges(first: Int, last: Int) -> (entry: [Int], startAtZero: Bool, exit: [Int], endAtLast: Bool) {
        let isFirst = first == 1, isLast = last + 1 == stateCount - 1
        return (isFirst ? [first - 1] : [first - 1, first - 2], isFirst, isLast ? [last + 1] : [last + 1, last + 2], isLast)
    }

    /// Frames `lo...hi` of the last `align` around word `w`'s aligned frames (`variantWindowFrames` either side), with
    /// the path edges around the word filled in (`fillPathEdges`) for `bestPathThrough`, and the word's states; `nil`
    /// when the word has no phones or no frames.
    func wordWindow(_ w: Int) -> (lo: Int, hi: Int, states: ClosedRange<Int>)? {
        guard let range = wordStates[w], let rows = wordRows[w], !rows.isEmpty else { return nil }
        let lo = max(0, rows.lowerBound - Self.variantWindowFrames), hi = min(frameCount - 1, rows.upperBound - 1 + Self.variantWindowFrames)
        let edges = wordEdges(first: range.lowerBound, last: range.upperBound)
        fillPathEdges(lo: lo, hi: hi, entryStates: edges.entry, startAtZero: edges.startAtZero, exitStates: edges.exit,
                      endAtLast: edges.endAtLast)
        return (lo, hi, range)
    }

    /// Best utterance score with frames of `lo...hi` (edges set by `wordWindow`) said as `phones` in order, each held
    /// for at least `minimumPhoneFrames` frames (a chain of that many states per phone), frames scored as `align`
    /// scores them; `nil` when no such path exists.
    func heldPhonesScore(_ phones: [Int], minimumPhoneFrames: Int, lo: Int, hi: Int, logPosteriors lp: UnsafeBufferPointer<Float>,
                         classCount c: Int, logPriors: [Float]?) -> Float? {
        let d = max(1, minimumPhoneFrames)
        return bestPathThrough(stateCount: phones.count * d, lo: lo, hi: hi) { i, j in
            lp[i * c + phones[j / d]] - (logPriors?[phones[j / d]] ?? 0)
        }?.score
    }

    /// Fills `pathEntry[i - lo]` with the best score of frames 0...i-1 ending in one of `entryStates` (0 at i = 0 when
    /// `startAtZero`) and `pathExit[i - lo]` with the best score of frames i+1...end starting in one of `exitStates`
    /// (0 at the last frame when `endAtLast`), for every frame i in lo...hi of the last `align`'s tables.
    func fillPathEdges(lo: Int, hi: Int, entryStates: [Int], startAtZero: Bool, exitStates: [Int], endAtLast: Bool) {
        let t = frameCount, k = stateCount
        pathEntry.removeAll(keepingCapacity: true); pathExit.removeAll(keepingCapacity: true)
        for i in lo...hi {
            var head = Self.impossible, tail = Self.impossible
            if i >= 1 {
                for s in entryStates { head = max(head, forward[(i - 1) * k + s]) }
            } else if startAtZero {
                head = 0
            }
            if i + 1 < t {
                for s in exitStates { tail = max(tail, backward[(i + 1) * k + s]) }
            } else if endAtLast {
                tail = 0
            }
            pathEntry.append(head); pathExit.append(tail)
        }
    }

    /// Best score of the whole utterance when frames a...b (lo <= a <= b <= hi) go through `stateCount` new states
    /// in order (each >= 1 frame, scored by `emission(frame, state)`) between the edges `fillPathEdges` set, and
    /// those frames; `nil` when no such path exists.
    func bestPathThrough(stateCount m: Int, lo: Int, hi: Int, emission: (Int, Int) -> Float) -> (score: Float, rows: Range<Int>)? {
        pathRow.removeAll(keepingCapacity: true); pathRow.append(contentsOf: repeatElement(Self.impossible, count: m))
        pathStart.removeAll(keepingCapacity: true); pathStart.append(contentsOf: repeatElement(0, count: m))
        var best = Self.impossible, rows = 0..<0
        for i in lo...hi {
            // In place from the last state back: row[j - 1] still holds frame i - 1 when row[j] reads it.
            for j in stride(from: m - 1, through: 0, by: -1) {
                var previous = pathRow[j], start = pathStart[j]
                if j > 0 {
                    if pathRow[j - 1] > previous { previous = pathRow[j - 1]; start = pathStart[j - 1] }
                } else if pathEntry[i - lo] > previous {
                    previous = pathEntry[i - lo]; start = i
                }
                pathRow[j] = previous > Self.impossible ? previous + emission(i, j) : Self.impossible
                pathStart[j] = start
            }
            let exit = pathExit[i - lo]
            if pathRow[m - 1] > Self.impossible, exit > Self.impossible, pathRow[m - 1] + exit > best {
                best = pathRow[m - 1] + exit; rows = pathStart[m - 1]..<(i + 1)
            }
        }
        return best > Self.impossible ? (best, rows) : nil
    }
}
