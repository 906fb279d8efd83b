import SpeechDSP

/// Syllable nuclei after De Jong & Wempe (2009, "Praat script to detect syllable nuclei and measure
/// speech rate automatically", Behavior Research Methods 41(2)): peaks of the intensity envelope that are
/// loud enough, stand out from the dips around them, and are voiced.
///
/// Differences from the original script, each measured on the truth set (docs/fluency.md):
/// - the envelope is 300–2500 Hz band power (vowel formants) rather than full-band intensity, so
///   fricatives and low-frequency noise make fewer false peaks (cf. Wang & Narayanan 2007);
/// - a peak needs the minimum dip on *both* sides (the script checks the following dip only), judged
///   by prominence: peaks are removed weakest first until every survivor stands out by `minimumDipDecibels`;
/// - the loudness threshold is the larger of -25 dB below the 99th percentile (theirs) and a margin above
///   the adaptive noise floor, so noise does not raise the syllable count;
/// - only peaks inside speech and outside filled pauses count.
struct SyllableNucleusDetector {
    let parameters: SpeechTimingParameters

    func detect(sonority: [Float], noiseFloor: [Float], voicing: [Float], speech: [ClosedRange<Int>],
                excluded: [ClosedRange<Int>], hopSeconds: Double) -> [Int] {
        let inSpeech = speech.flatMap { Array($0) }.map { sonority[$0] }
        guard let maximum = Percentile.of(inSpeech, fraction: 0.99) else { return [] }
        let absolute = maximum + parameters.nucleusBelowMaximumDecibels
        var nuclei: [Int] = []
        for segment in speech {
            var peaks: [Int] = []
            for t in segment where t > segment.lowerBound && t < segment.upperBound {
                if sonority[t] > sonority[t - 1] && sonority[t] >= sonority[t + 1] { peaks.append(t) }
            }
            peaks = prominent(peaks, in: segment, sonority: sonority)
            for t in peaks {
                let loudEnough = sonority[t] > absolute && sonority[t] > noiseFloor[t] + parameters.nucleusAboveFloorDecibels
                let voiced = (max(segment.lowerBound, t - 1)...min(segment.upperBound, t + 1))
                    .contains { voicing[$0] >= parameters.voicedThreshold }
                let filled = excluded.contains { $0.contains(t) }
                if loudEnough && voiced && !filled { nuclei.append(t) }
            }
        }
        return spaced(nuclei, sonority: sonority, minimumFrames: Int((parameters.minimumNucleusSpacingSeconds / hopSeconds).rounded()))
    }

    /// Removes the least prominent peak until every remaining one rises `minimumDipDecibels` above the
    /// deeper-reaching of its two dips (the higher of the minima towards its neighbours or the segment edges).
    private func prominent(_ candidates: [Int], in segment: ClosedRange<Int>, sonority: [Float]) -> [Int] {
        var peaks = candidates
        while !peaks.isEmpty {
            var weakest = -1
            var weakestProminence = Float.infinity
            for (i, t) in peaks.enumerated() {
                let left = i == 0 ? segment.lowerBound : peaks[i - 1]
                let right = i == peaks.count - 1 ? segment.upperBound : peaks[i + 1]
                let leftDip = sonority[left...t].min()!
                let rightDip = sonority[t...right].min()!
                // A neighbour louder than this peak hides it if the dip between them is shallow.
                let prominence = sonority[t] - max(leftDip, rightDip)
                if prominence < weakestProminence { weakestProminence = prominence; weakest = i }
            }
            if weakestProminence >= parameters.minimumDipDecibels { break }
            peaks.remove(at: weakest)
        }
        return peaks
    }

    /// Of nuclei closer than `minimumFrames`, keeps the louder.
    private func spaced(_ nuclei: [Int], sonority: [Float], minimumFrames: Int) -> [Int] {
        var kept: [Int] = []
        for t in nuclei {
            if let last = kept.last, t - last < minimumFrames {
                if sonority[t] > sonority[last] { kept[kept.count - 1] = t }
            } else {
                kept.append(t)
            }
        }
        return kept
    }
}
