/// Which analysis frames carry speech, from frame levels alone: an energy detector with an adaptive floor
/// (10th percentile) that drops leading/trailing silence and pauses of at least `minPauseFrames`, so DTW
/// compares speech with speech (tolerance to silence without a slope-breaking detour).
/// The fluency analysis' speech section can replace this where present.
public enum AlignmentSpeechFrames {
    /// Indices of the frames kept for alignment, ascending; empty when nothing stands out from the floor.
    public static func kept(levelsDecibels levels: [Float], thresholdFraction: Float, minimumAboveFloorDecibels: Float,
                            minPauseFrames: Int, marginFrames: Int) -> [Int] {
        guard !levels.isEmpty else { return [] }
        let sorted = levels.sorted()
        let floor = sorted[Int(Double(sorted.count - 1) * 0.10)]
        let peak = sorted[Int(Double(sorted.count - 1) * 0.97)]
        guard peak - floor >= minimumAboveFloorDecibels else { return [] }
        let threshold = floor + max(minimumAboveFloorDecibels, thresholdFraction * (peak - floor))
        var speech = levels.map { $0 > threshold }
        // Widen every speech run by the margin, so weak onsets and releases stay.
        if marginFrames > 0 {
            let raw = speech
            for (t, isSpeech) in raw.enumerated() where isSpeech {
                for u in max(0, t - marginFrames)...min(raw.count - 1, t + marginFrames) { speech[u] = true }
            }
        }
        guard let first = speech.firstIndex(of: true), let last = speech.lastIndex(of: true) else { return [] }
        var kept = [Int]()
        kept.reserveCapacity(last - first + 1)
        var t = first
        while t <= last {
            if speech[t] { kept.append(t); t += 1; continue }
            var end = t
            while end <= last && !speech[end] { end += 1 }
            if end - t < minPauseFrames { kept.append(contentsOf: t..<end) }
            t = end
        }
        return kept
    }
}
