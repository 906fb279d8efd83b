/// Measures of simple test signals, independent of the code under test.
public enum ToneAnalysis {
    /// Frequency of a steady sine from its upward zero crossings (linear interpolation between samples),
    /// skipping `edgeSeconds` at both ends where codecs and resamplers ramp. Accurate to ~0.01 Hz for
    /// a clean 1 s tone.
    public static func sineFrequencyHz(_ samples: [Float], sampleRateHz: Int, edgeSeconds: Double = 0.1) -> Double? {
        let skip = Int(edgeSeconds * Double(sampleRateHz))
        guard samples.count > 2 * skip + 2 else { return nil }
        var crossings: [Double] = []
        for index in (skip + 1)..<(samples.count - skip) {
            let previous = samples[index - 1], current = samples[index]
            if previous < 0, current >= 0 {
                let fraction = Double(-previous) / Double(current - previous)
                crossings.append(Double(index - 1) + fraction)
            }
        }
        guard crossings.count >= 3, let first = crossings.first, let last = crossings.last else { return nil }
        return Double(crossings.count - 1) * Double(sampleRateHz) / (last - first)
    }

    /// Peak absolute sample value.
    public static func peak(_ samples: [Float]) -> Float {
        samples.reduce(0) { max($0, abs($1)) }
    }
}
