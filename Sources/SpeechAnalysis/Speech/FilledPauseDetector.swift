import Foundation
import SpeechDSP

/// Filled pauses ("uh", "um"): a sustained voiced stretch with flat pitch and a stable spectrum, longer
/// than a vowel inside a word (Shriberg 2001, "To 'errrr' is human"; the flat-F0, stable-spectrum
/// cues of Goto, Itou & Hayamizu 1999 and Audhkhasi et al. 2009).
///
/// A frame is *steady* when it is voiced, its F0 is within 1 semitone of the F0 40 ms before and after,
/// and its band spectrum changed by at most `filledPauseMaxSpectralChangeDecibels` RMS over those 40 ms.
/// Steady runs (holes of up to 30 ms bridged; an "um"'s vowel and nasal, up to 150 ms apart, joined when the pitch stays)
/// at least `minimumFilledPauseSeconds` long, with an F0 spread within
/// `filledPauseMaxPitchSpreadSemitones`, are filled pauses.
struct FilledPauseDetector {
    let parameters: SpeechTimingParameters

    func detect(segments: [ClosedRange<Int>], voicing: [Float], f0Hz: [Float], frames: SpeechFrames) -> [ClosedRange<Int>] {
        let count = frames.count
        guard count > 8 else { return [] }
        let hop = frames.hopSeconds
        let reach = max(1, Int((0.02 / hop).rounded()))
        let semitones = f0Hz.map { $0 > 0 ? 12 * log2f($0 / 100) : Float.nan }
        var steady = [Bool](repeating: false, count: count)
        for segment in segments where segment.count > 2 * reach {
            for t in (segment.lowerBound + reach)...(segment.upperBound - reach) {
                guard voicing[t] >= parameters.voicedThreshold, !semitones[t].isNaN,
                      !semitones[t - reach].isNaN, !semitones[t + reach].isNaN else { continue }
                guard abs(semitones[t + reach] - semitones[t]) < 1, abs(semitones[t] - semitones[t - reach]) < 1 else { continue }
                steady[t] = spectralChange(frames, t - reach, t + reach) <= parameters.filledPauseMaxSpectralChangeDecibels
            }
        }
        var runs = Self.runs(of: steady, bridging: max(1, Int((0.03 / hop).rounded())))
        runs = joinNasalTails(runs, semitones: semitones, hop: hop)
        let minimum = Int((parameters.minimumFilledPauseSeconds / hop).rounded())
        return runs.compactMap { run in
            guard run.count >= minimum else { return nil }
            let pitches = run.map { semitones[$0] }.filter { !$0.isNaN }
            guard let high = Percentile.of(pitches, fraction: 0.9), let low = Percentile.of(pitches, fraction: 0.1),
                  high - low <= parameters.filledPauseMaxPitchSpreadSemitones else { return nil }
            // The steady core starts a reach in from the sound's edges: give that back, inside speech.
            let segment = segments.first { $0.overlaps(run) } ?? run
            return max(segment.lowerBound, run.lowerBound - reach)...min(segment.upperBound, run.upperBound + reach)
        }
    }

    /// Change of spectral *shape* between two frames: the RMS over bands of their level difference after
    /// removing its mean, dB. A held vowel swells and fades; only a change of timbre should count.
    private func spectralChange(_ frames: SpeechFrames, _ a: Int, _ b: Int) -> Float {
        let bands = frames.bandCount
        var sum: Float = 0, sumSquares: Float = 0
        frames.bandPower.withUnsafeBufferPointer { power in
            for k in 0..<bands {
                let d = 10 * log10f(max(power[a * bands + k], 1e-12) / max(power[b * bands + k], 1e-12))
                sum += d
                sumSquares += d * d
            }
        }
        let mean = sum / Float(bands)
        return max(0, sumSquares / Float(bands) - mean * mean).squareRoot()
    }

    /// Joins steady runs less than 150 ms apart whose median pitch agrees within 1.5 semitones: the vowel
    /// and the nasal of "um" are each steady, with a short spectral step between them.
    private func joinNasalTails(_ runs: [ClosedRange<Int>], semitones: [Float], hop: Double) -> [ClosedRange<Int>] {
        let gap = Int((0.15 / hop).rounded())
        var joined: [ClosedRange<Int>] = []
        for run in runs {
            if let last = joined.last, run.lowerBound - last.upperBound <= gap,
               let a = Percentile.of(last.map { semitones[$0] }.filter { !$0.isNaN }, fraction: 0.5),
               let b = Percentile.of(run.map { semitones[$0] }.filter { !$0.isNaN }, fraction: 0.5),
               abs(a - b) <= 1.5 {
                joined[joined.count - 1] = last.lowerBound...run.upperBound
            } else {
                joined.append(run)
            }
        }
        return joined
    }

    /// Runs of `true`, with holes of at most `bridging` frames filled.
    static func runs(of flags: [Bool], bridging: Int) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        var start: Int? = nil, lastTrue = -1
        for (t, flag) in flags.enumerated() where flag {
            if let s = start, t - lastTrue - 1 <= bridging {
                _ = s
            } else {
                if let s = start { runs.append(s...lastTrue) }
                start = t
            }
            lastTrue = t
        }
        if let s = start { runs.append(s...lastTrue) }
        return runs
    }
}
