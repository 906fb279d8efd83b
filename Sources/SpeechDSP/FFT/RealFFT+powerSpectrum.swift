extension RealFFT {
    /// Writes `|X[k]|^2` for every bin of the last forward transform into `power` (`binCount` values).
    public func powerSpectrum(into power: UnsafeMutableBufferPointer<Float>) {
        precondition(power.count >= binCount, "power buffer holds \(power.count) bins, needs \(binCount)")
        for bin in 0..<binCount {
            let re = spectrum[2 * bin], im = spectrum[2 * bin + 1]
            power[bin] = re * re + im * im
        }
    }

    /// The smallest size >= `minimum` of the form 2^k, 3 * 2^k or 5 * 2^k.
    ///
    /// Why not any product of 2, 3 and 5: with FFTW_ESTIMATE plans (cheap to make, see `init`) sizes with several
    /// odd factors are slow. Measured here, r2c + c2r per call: 648 = 2^3 * 3^4 took 1.79 us against 1.31 us
    /// for 768 = 3 * 2^8, and 1296 took 3.8 us against 3.4 us for 1536 (a C loop over fftwf_execute, one core).
    public static func fastSize(atLeast minimum: Int) -> Int {
        let target = max(2, minimum)
        var best = Int.max
        for odd in [1, 3, 5] {
            var size = odd
            while size < target { size *= 2 }
            if size >= 2 { best = min(best, size) }
        }
        return best
    }
}
