import Foundation
import SpeechDSP

/// Speech/non-speech per frame from band energy and periodicity, against an adaptive noise floor,
/// with hysteresis (the energy + periodicity VAD family; floor by minimum statistics, Martin 2001).
///
/// Thresholds follow the floor, so steady noise, quiet (-30 dBFS) recordings and loud ones are treated
/// alike; in digital silence they are bounded by `dynamicRangeDecibels` below the speech level.
struct SpeechActivityDetector {
    let parameters: SpeechTimingParameters

    struct Result {
        /// Speech stretches in frames, sorted, separated by at least one non-speech frame.
        var segments: [ClosedRange<Int>]
        /// Noise floor per frame, dB.
        var noiseFloor: [Float]
    }

    func detect(levelDecibels level: [Float], voicing: [Float], hopSeconds: Double) -> Result {
        let count = level.count
        let silent = Float(Decibels.floorDecibels) + 1
        let audible = level.filter { $0 > silent }
        guard let speechLevel = Percentile.of(audible, fraction: 0.95) else {
            return Result(segments: [], noiseFloor: level)
        }
        let noiseFloor = Self.noiseFloor(level, halfWidth: Int(parameters.noiseFloorHalfWindowSeconds / hopSeconds),
                                         lowest: speechLevel - parameters.dynamicRangeDecibels - 20)
        var segments: [ClosedRange<Int>] = []
        var start: Int? = nil
        for t in 0..<count {
            let floor = noiseFloor[t]
            // On very noisy input floor + margin could exceed the speech itself: cap at part of the span.
            let span = max(0, speechLevel - floor)
            let lowest = speechLevel - parameters.dynamicRangeDecibels
            let on = max(min(floor + parameters.onsetAboveFloorDecibels, floor + 0.5 * span), lowest)
            let off = max(min(floor + parameters.offsetAboveFloorDecibels, floor + 0.3 * span), lowest - 3)
            let voiced = voicing[t] >= parameters.voicedThreshold
            if start == nil {
                if level[t] > on { start = t }
            } else if !(level[t] > off || (voiced && level[t] > floor + parameters.offsetAboveFloorDecibels / 2)) {
                segments.append(start!...(t - 1))
                start = nil
            }
        }
        if let open = start { segments.append(open...(count - 1)) }
        return Result(segments: dropIsolatedBlips(segments, voicing: voicing, hopSeconds: hopSeconds),
                      noiseFloor: noiseFloor)
    }

    /// Minimum of the 50 ms power-smoothed level over the window, never below `lowest`.
    static func noiseFloor(_ level: [Float], halfWidth: Int, lowest: Float) -> [Float] {
        let count = level.count
        var smoothed = [Float](repeating: 0, count: count)
        var power = level.map { powf(10, $0 / 10) }
        for t in 0..<count {
            var sum: Float = 0, n: Float = 0
            for u in max(0, t - 2)...min(count - 1, t + 2) { sum += power[u]; n += 1 }
            smoothed[t] = 10 * log10f(max(sum / n, 1e-20))
        }
        power = []
        return SlidingMinimum.centred(smoothed, halfWidth: halfWidth).map { max($0, lowest) }
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
