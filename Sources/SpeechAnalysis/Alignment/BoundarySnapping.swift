/// Moves each boundary between touching words to the quietest moment near it: word joins inside connected
/// speech are usually at a closure or a weak consonant, so an energy minimum within a few tens of
/// milliseconds is a better boundary than a frame-level DTW estimate (the refinement step of
/// Paulo & Oliveira 2004). Boundaries at a pause (a gap between the words) are left alone.
import Foundation

struct BoundarySnapping {
    /// Short-time energy, 10 ms windows every `hopSeconds`.
    private let energies: [Float]
    private let hopSeconds = 0.005
    /// Mean-square energy below which a frame is silence: a few dB, or a fraction of the dynamic range, above
    /// the floor (10th percentile), like `AlignmentSpeechFrames`.
    private let silenceEnergy: Float

    init(samples: [Float], sampleRateHz: Int, silenceAboveFloorDecibels: Float, silenceRangeFraction: Float) {
        let hop = Int(hopSeconds * Double(sampleRateHz)), window = 2 * hop
        var energies = [Float]()
        energies.reserveCapacity(samples.count / hop + 1)
        var start = 0
        while start + window <= samples.count {
            var sum: Float = 0
            for i in start..<(start + window) { sum += samples[i] * samples[i] }
            energies.append(sum)
            start += hop
        }
        self.energies = energies
        let levels = energies.map { 10 * log10(max($0 / Float(window), 1e-12)) }.sorted()
        if levels.isEmpty {
            silenceEnergy = 0
        } else {
            let floor = levels[Int(Double(levels.count - 1) * 0.10)], peak = levels[Int(Double(levels.count - 1) * 0.97)]
            let threshold = floor + max(silenceAboveFloorDecibels, silenceRangeFraction * (peak - floor))
            silenceEnergy = pow(10, threshold / 10) * Float(window)
        }
    }

    /// `spans` with each edge that lies on silence moved inward to the nearest frame above the silence level,
    /// keeping at least `minimumSeconds` of the word.
    func trimmedToSpeech(_ spans: [(start: Double, end: Double)?], minimumSeconds: Double) -> [(start: Double, end: Double)?] {
        spans.map { span in
            guard var span, !energies.isEmpty else { return span }
            // Frame i covers i*hop ... i*hop + 2*hop; it is "at" time i*hop + hop.
            func frame(_ seconds: Double) -> Int { min(energies.count - 1, max(0, Int((seconds / hopSeconds).rounded()) - 1)) }
            var first = frame(span.start), last = frame(span.end)
            while first < last && energies[first] < silenceEnergy { first += 1 }
            while last > first && energies[last] < silenceEnergy { last -= 1 }
            let start = max(span.start, Double(first) * hopSeconds + hopSeconds / 2)
            let end = min(span.end, Double(last) * hopSeconds + 1.5 * hopSeconds)
            if end - start >= minimumSeconds { span = (start, end) }
            return span
        }
    }

    /// `spans` with every shared boundary (gap below 20 ms) moved to the energy minimum within +-`windowSeconds`,
    /// kept inside both words' outer ends.
    func snapped(_ spans: [(start: Double, end: Double)?], windowSeconds: Double) -> [(start: Double, end: Double)?] {
        var result = spans
        var previous: Int?
        for k in result.indices {
            guard let span = result[k] else { continue }
            defer { previous = k }
            guard let p = previous, let before = result[p], span.start - before.end < 0.02 else { continue }
            let boundary = (span.start + before.end) / 2
            let low = max(before.start + 0.01, boundary - windowSeconds), high = min(span.end - 0.01, boundary + windowSeconds)
            guard high > low else { continue }
            // Window centred on the candidate boundary: index i covers i*hop ... i*hop + 2*hop.
            let first = max(0, Int((low / hopSeconds).rounded()) - 1), lastIndex = min(energies.count - 1, Int((high / hopSeconds).rounded()) - 1)
            guard lastIndex > first else { continue }
            var best = first
            for i in first...lastIndex where energies[i] < energies[best] { best = i }
            let time = Double(best + 1) * hopSeconds
            result[p]!.end = time
            result[k]!.start = time
        }
        return result
    }
}
