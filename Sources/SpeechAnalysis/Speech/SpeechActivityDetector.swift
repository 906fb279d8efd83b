import Foundation
import SpeechDSP

/// Speech/non-speech per frame: a per-band likelihood-ratio test against an adaptive noise spectrum
/// (Sohn, Kim & Sung 1999, "A statistical model-based voice activity detection", with the noise of each
/// band tracked by minimum statistics, Martin 2001), backed by periodicity, with hysteresis.
///
/// Each band's a-posteriori SNR γ = P / λ (λ: the band's noise power) gives the maximum-likelihood log
/// likelihood ratio γ − ln γ − 1 (0 when γ <= 1); the frame score is their mean over bands. Bands where
/// speech stands out count even when the total level barely moves, so weak consonants and decaying word
/// ends survive steady noise. The noise follows the quietest stretch within ± `noiseFloorHalfWindowSeconds`,
/// so steady noise, quiet (-30 dBFS) and loud recordings are treated alike; in digital silence λ is
/// bounded `dynamicRangeDecibels` below the speech level, which is also the lowest level ever called speech.
struct SpeechActivityDetector {
    let parameters: SpeechTimingParameters

    struct Result {
        /// Speech stretches in frames, sorted, separated by at least one non-speech frame.
        var segments: [ClosedRange<Int>]
    }

    func detect(frames: SpeechFrames, voicing: [Float]) -> Result {
        let level = frames.levelDecibels
        let audible = level.filter { $0 > Float(Decibels.floorDecibels) + 1 }
        guard let speechLevel = Percentile.of(audible, fraction: 0.95) else { return Result(segments: []) }
        let score = likelihoodRatio(frames, speechLevel: speechLevel)
        var segments = hysteresis(score: score, level: level, voicing: voicing,
                                  lowest: speechLevel - parameters.dynamicRangeDecibels)
        // Reverberation: speech that ends in long decays has its tails cut at a smaller dynamic range.
        if decaySeconds(segments, level: level, speechLevel: speechLevel, hopSeconds: frames.hopSeconds)
            > parameters.reverberantDecaySeconds {
            segments = hysteresis(score: score, level: level, voicing: voicing,
                                  lowest: speechLevel - parameters.reverberantDynamicRangeDecibels)
        }
        return Result(segments: dropIsolatedBlips(segments, voicing: voicing, hopSeconds: frames.hopSeconds))
    }

    private func hysteresis(score: [Float], level: [Float], voicing: [Float], lowest: Float) -> [ClosedRange<Int>] {
        var segments: [ClosedRange<Int>] = []
        var start: Int? = nil
        for t in 0..<score.count {
            let voiced = voicing[t] >= parameters.voicedThreshold
            let loudEnough = level[t] > lowest
            if start == nil {
                if loudEnough && score[t] > parameters.onsetLikelihoodRatio { start = t }
            } else if !(loudEnough && (score[t] > parameters.offsetLikelihoodRatio || (voiced && score[t] > parameters.offsetLikelihoodRatio / 2))) {
                segments.append(start!...(t - 1))
                start = nil
            }
        }
        if let open = start { segments.append(open...(score.count - 1)) }
        return segments
    }

    /// Median time, over speech ends followed by a pause, from the last frame within 20 dB of the speech
    /// level to the end of speech: tens of milliseconds for dry speech, the audible reverberation tail
    /// (about RT60 / 3) in a reverberant room. 0 when fewer than three such ends exist.
    private func decaySeconds(_ segments: [ClosedRange<Int>], level: [Float], speechLevel: Float, hopSeconds: Double) -> Double {
        let pause = Int((parameters.minimumPauseSeconds / hopSeconds).rounded())
        var tails: [Float] = []
        for (segment, next) in zip(segments, segments.dropFirst()) where next.lowerBound - segment.upperBound > pause {
            var t = segment.upperBound
            while t > segment.lowerBound && level[t] < speechLevel - 20 { t -= 1 }
            tails.append(Float(segment.upperBound - t))
        }
        guard tails.count >= 3, let median = Percentile.of(tails, fraction: 0.5) else { return 0 }
        return Double(median) * hopSeconds
    }

    /// Mean over bands of the ML log likelihood ratio of the 50 ms band powers, smoothed over 3 frames.
    private func likelihoodRatio(_ frames: SpeechFrames, speechLevel: Float) -> [Float] {
        let count = frames.count, bands = frames.bandCount
        let halfWidth = Int(parameters.noiseFloorHalfWindowSeconds / frames.hopSeconds)
        // Lowest noise a band is credited with: the dynamic range below the speech level, spread over bands.
        let lowestBandPower = powf(10, (speechLevel - parameters.dynamicRangeDecibels - 10) / 10) / Float(bands)
        // Frames at the floor of the total level are noise: they calibrate each band's minimum-statistics bias.
        let levelFloor = Self.noiseFloor(frames.levelDecibels, halfWidth: halfWidth)
        let noiseFrames = (0..<count).filter { frames.levelDecibels[$0] < levelFloor[$0] + 2 }
        var score = [Float](repeating: 0, count: count)
        var power = [Float](repeating: 0, count: count)
        for b in 0..<bands {
            for t in 0..<count { power[t] = frames.bandPower[t * bands + b] }
            // A centred 110 ms mean: it spreads speech energy ~50 ms into the silence beside it, which at
            // 10 dB SNR restores tails the noise masks and at 20 dB and above makes pauses ~40 ms short
            // (docs/fluency.md). An edge-preserving mean fixed the latter and broke the former.
            let smoothed = Self.movingMean(power, halfWidth: 5)
            let minimum = SlidingMinimum.centred(smoothed, halfWidth: halfWidth)
            // The minimum of a noisy power underestimates its mean (Martin 2001); measure by how much here.
            let ratios = noiseFrames.compactMap { t in minimum[t] > 0 ? smoothed[t] / minimum[t] : nil }
            let bias = min(8, max(1, Percentile.of(ratios, fraction: 0.5) ?? 1.5))
            for t in 0..<count {
                let gamma = smoothed[t] / max(minimum[t] * bias, lowestBandPower)
                if gamma > 1 { score[t] += gamma - logf(gamma) - 1 }
            }
        }
        var out = score
        for t in 0..<count {
            let a = max(0, t - 1), c = min(count - 1, t + 1)
            out[t] = (score[a] + score[t] + score[c]) / (3 * Float(bands))
        }
        return out
    }

    /// Centred moving mean (running sum in Double, so long files do not drift).
    static func movingMean(_ values: [Float], halfWidth: Int) -> [Float] {
        let count = values.count
        var out = [Float](repeating: 0, count: count)
        var sum = 0.0
        var low = 0, high = -1
        for t in 0..<count {
            while high < min(count - 1, t + halfWidth) { high += 1; sum += Double(values[high]) }
            while low < t - halfWidth { sum -= Double(values[low]); low += 1 }
            out[t] = Float(max(0, sum) / Double(high - low + 1))
        }
        return out
    }

    /// Minimum statistics: the smallest 50 ms mean power within the window, times 1.5, a typical bias
    /// of that minimum below the mean of steady noise (Martin 2001).
    static func noisePower(_ power: [Float], halfWidth: Int) -> [Float] {
        SlidingMinimum.centred(movingMean(power, halfWidth: 2), halfWidth: halfWidth).map { $0 * 1.5 }
    }

    /// Noise floor of a dB contour by the same minimum statistics, dB.
    static func noiseFloor(_ decibels: [Float], halfWidth: Int) -> [Float] {
        noisePower(decibels.map { powf(10, $0 / 10) }, halfWidth: halfWidth).map { 10 * log10f(max($0, 1e-20)) }
    }

    /// Removes short unvoiced segments that stand alone inside what would be a pause (clicks, breaths,
    /// noise bursts); a stop release close to a word is kept, since it is part of that word.
    private func dropIsolatedBlips(_ segments: [ClosedRange<Int>], voicing: [Float], hopSeconds: Double) -> [ClosedRange<Int>] {
        let blip = Int((parameters.minimumBlipSeconds / hopSeconds).rounded())
        let pause = Int((parameters.minimumPauseSeconds / hopSeconds).rounded())
        var kept: [ClosedRange<Int>] = []
        for (i, segment) in segments.enumerated() {
            let short = segment.count <= blip
            let voiced = segment.contains { voicing[$0] >= parameters.voicedThreshold }
            let gapBefore = i == 0 ? Int.max : segment.lowerBound - segments[i - 1].upperBound - 1
            let gapAfter = i == segments.count - 1 ? Int.max : segments[i + 1].lowerBound - segment.upperBound - 1
            if short && !voiced && gapBefore >= pause && gapAfter >= pause { continue }
            kept.append(segment)
        }
        return kept
    }
}
