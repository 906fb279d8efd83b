extension UtteranceForcedAlignment {
    /// Fills `variantEntry[i - lo]` with the best score of frames 0...i-1 ending just before the word (in the pause
    /// before it or in the previous word's last phone) and `variantExit[i - lo]` with the best score of frames
    /// i+1...end starting just after it, for every frame i in lo...hi of the current forward and backward tables.
    func fillVariantEdges(lo: Int, hi: Int, frameCount t: Int, stateCount k: Int, first: Int, last: Int) {
        let isFirst = first == 1, isLast = last + 1 == k - 1
        variantEntry.removeAll(keepingCapacity: true); variantExit.removeAll(keepingCapacity: true)
        for i in lo...hi {
            var head = Self.impossible, tail = Self.impossible
            if i >= 1 {
                head = forward[(i - 1) * k + first - 1]
                if !isFirst { head = max(head, forward[(i - 1) * k + first - 2]) }
            } else if isFirst {
                head = 0
            }
            if i + 1 < t {
                tail = backward[(i + 1) * k + last + 1]
                if !isLast { tail = max(tail, backward[(i + 1) * k + last + 2]) }
            } else if isLast {
                tail = 0
            }
            variantEntry.append(head); variantExit.append(tail)
        }
    }

    /// Best score of the whole utterance when the word is said as `phones` (each >= 1 frame, in order) somewhere
    /// inside frames lo...hi, the rest of the utterance as in the forced alignment (`fillVariantEdges` first).
    func bestScoreThrough(phones: [Int], lo: Int, hi: Int, emission: (Int, Int) -> Float) -> Float {
        let m = phones.count
        variantRow.removeAll(keepingCapacity: true)
        variantRow.append(contentsOf: repeatElement(Self.impossible, count: m))
        var best = Self.impossible
        for i in lo...hi {
            // In place from the last phone back: row[j] still holds frame i - 1 when row[j + 1] reads it.
            for j in stride(from: m - 1, through: 0, by: -1) {
                let before = j > 0 ? variantRow[j - 1] : variantEntry[i - lo]
                let previous = max(variantRow[j], before)
                variantRow[j] = previous > Self.impossible ? previous + emission(i, phones[j]) : Self.impossible
            }
            let exit = variantExit[i - lo]
            if variantRow[m - 1] > Self.impossible, exit > Self.impossible { best = max(best, variantRow[m - 1] + exit) }
        }
        return best
    }
}
