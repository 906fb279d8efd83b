import Foundation

/// Test signals with a known F0 by construction.
public enum ToneSynthesis {
    /// A harmonic tone (first `harmonics` partials, amplitudes 1/k) whose F0 follows `f0Hz(t)`; phase is
    /// the running integral of F0, so the instantaneous F0 at time t is exactly `f0Hz(t)`.
    public static func harmonicTone(seconds: Double, sampleRateHz: Int = 16_000, harmonics: Int = 10,
                                    amplitude: Float = 0.3, f0Hz: (Double) -> Double) -> [Float] {
        let count = Int(seconds * Double(sampleRateHz))
        var phase = 0.0
        var samples = [Float](repeating: 0, count: count)
        for n in 0..<count {
            let t = Double(n) / Double(sampleRateHz)
            let f0 = f0Hz(t)
            var value = 0.0
            for k in 1...harmonics where Double(k) * f0 < Double(sampleRateHz) / 2 {
                value += sin(Double(k) * phase) / Double(k)
            }
            samples[n] = amplitude * Float(value)
            phase += 2 * Double.pi * f0 / Double(sampleRateHz)
        }
        return samples
    }

    /// Deterministic white Gaussian noise (Box-Muller over a 64-bit LCG) of RMS `rms`.
    public static func whiteNoise(count: Int, rms: Float, seed: UInt64 = 1) -> [Float] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        return (0..<count).map { _ in rms * Float((-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())) }
    }
}
