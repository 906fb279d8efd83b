extension RealFFT {
    /// Writes `|X[k]|^2` for every bin of the last forward transform into `power` (`binCount` values).
    public func powerSpectrum(into power: UnsafeMutableBufferPointer<Float>) {
        precondition(power.count >= binCount, "power buffer holds \(power.count) bins, needs \(binCount)")
        for bin in 0..<binCount {
            let re = spectrum[2 * bin], im = spectrum[2 * bin + 1]
            power[bin] = re * re + im * im
        }
    }

    /// The smallest size >= `minimum` whose only prime factors are 2, 3 and 5 (fast for FFTW).
    public static func fastSize(atLeast minimum: Int) -> Int {
        var candidate = max(2, minimum)
        while true {
            var rest = candidate
            for prime in [2, 3, 5] { while rest % prime == 0 { rest /= prime } }
            if rest == 1 { return candidate }
            candidate += 1
        }
    }
}
