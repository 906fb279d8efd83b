import CFFTW

/// The one FFT seam of Speakwell: a single-precision real FFT of a fixed size, backed by FFTW.
///
/// All buffers and both plans are made in `init`; `forward()` and `inverse()` allocate nothing,
/// so one instance per worker thread serves every frame of every recording.
/// Not thread-safe: give each thread its own instance.
public final class RealFFT {
    /// Transform length in samples (any size; FFTW is fastest for products of small primes).
    public let size: Int
    /// Number of complex bins in the half spectrum: `size / 2 + 1`.
    public let binCount: Int
    /// Time-domain buffer: fill before `forward()`, read after `inverse()`.
    public let input: UnsafeMutableBufferPointer<Float>
    /// Half spectrum as interleaved (re, im) pairs, `2 * binCount` floats.
    public let spectrum: UnsafeMutableBufferPointer<Float>

    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    /// - Parameter size: transform length, 2 ... 2^24 samples.
    public init(size: Int) {
        precondition(size >= 2 && size <= 1 << 24, "FFT size \(size) is outside 2...16777216")
        self.size = size
        self.binCount = size / 2 + 1
        let timePointer = fftwf_alloc_real(size)!
        let complexPointer = fftwf_alloc_complex(binCount)!
        input = UnsafeMutableBufferPointer(start: timePointer, count: size)
        input.initialize(repeating: 0)
        let complexAsFloats = UnsafeMutableRawPointer(complexPointer).bindMemory(to: Float.self, capacity: 2 * binCount)
        spectrum = UnsafeMutableBufferPointer(start: complexAsFloats, count: 2 * binCount)
        spectrum.initialize(repeating: 0)
        // FFTW_ESTIMATE: planning must be cheap because every worker plans at start-up;
        // FFTW_DESTROY_INPUT is avoided so callers may reuse `input` after a forward transform.
        let flags = UInt32(FFTW_ESTIMATE) | UInt32(FFTW_PRESERVE_INPUT)
        (forwardPlan, inversePlan) = FFTWPlanner.withLock {
            (fftwf_plan_dft_r2c_1d(Int32(size), timePointer, complexPointer, flags)!,
             fftwf_plan_dft_c2r_1d(Int32(size), complexPointer, timePointer, UInt32(FFTW_ESTIMATE))!)
        }
    }

    deinit {
        FFTWPlanner.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(input.baseAddress)
        fftwf_free(spectrum.baseAddress)
    }

    /// `spectrum = DFT(input)`, unnormalised.
    public func forward() {
        fftwf_execute(forwardPlan)
    }

    /// `input = size * IDFT(spectrum)`: unnormalised, as FFTW defines it; divide by `size` if needed.
    /// Destroys the contents of `spectrum`.
    public func inverse() {
        fftwf_execute(inversePlan)
    }
}
