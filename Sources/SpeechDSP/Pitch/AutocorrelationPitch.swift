import Foundation

/// Per-frame pitch candidates by normalised autocorrelation with the window correction of
/// Boersma (1993), "Accurate short-term analysis of the fundamental frequency and the harmonics-to-noise
/// ratio of a sampled sound", IFA Proceedings 17: the frame's autocorrelation, computed with FFTW through
/// `RealFFT`, is divided by that of the Hann window, so a periodic signal scores near 1 at its period.
///
/// Allocates (FFT plans, window, buffers) in `init`; `candidates(frame:globalPeak:into:frameIndex:)`
/// allocates nothing. One instance per thread.
public final class AutocorrelationPitch {
    public let parameters: PitchParameters
    /// Rate of the frames this instance is given, Hz.
    public let sampleRateHz: Double
    /// Lowest F0 this instance looks for, Hz: `parameters.floorHz` unless a higher `windowFloorHz` was given.
    public let windowFloorHz: Double
    /// Frame length in samples (`periodsPerWindow / windowFloorHz` seconds).
    public let windowLength: Int
    public let minimumLag: Int
    public let maximumLag: Int

    private let fft: RealFFT
    private let window: [Float]
    /// Autocorrelation of the window, normalised to 1 at lag 0 (Boersma 1993, eq. 8).
    private let windowCorrelation: [Float]
    /// Normalised autocorrelation of the current frame at lags 0...`correlationEnd`.
    private var correlation: [Float]
    /// Last lag of `correlation`: `interpolationDepth` past the largest lag where the window allows (Praat
    /// stops at half the window, where the window's own autocorrelation is still far from zero).
    private let correlationEnd: Int
    /// Half-width of the windowed-sinc interpolation of the correlation, samples.
    static let interpolationDepth = 12
    /// Interpolation at fractions of 1/`phases` sample (1/64: 0.4 cent at a 300 Hz peak at 4 kHz, before
    /// the final parabola refines it further).
    static let phaseBits = 6, phases = 1 << phaseBits
    /// `phases` rows of `2 * interpolationDepth` taps: row `p` holds sinc(f - o) * Hann((f - o) / depth) for
    /// f = p / phases and o = 1 - depth ... depth, so an interpolated value is one short dot product.
    private let kernelTable: [Float]

    /// - Parameters:
    ///   - sampleRateHz: rate of the frames, at least 2 x `parameters.ceilingHz`.
    ///   - windowFloorHz: a floor above `parameters.floorHz` for a speaker already known to be higher (a
    ///     shorter window, `periodsPerWindow / windowFloorHz`); the octave cost stays relative to
    ///     `parameters.floorHz`, so strengths from instances with different windows compare with each other.
    public init(sampleRateHz: Double, parameters: PitchParameters = PitchParameters(), windowFloorHz: Double? = nil) {
        let floor = max(parameters.floorHz, windowFloorHz ?? 0)
        precondition(parameters.floorHz > 0 && parameters.ceilingHz > floor,
                     "pitch range \(floor)...\(parameters.ceilingHz) Hz is empty")
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        self.windowFloorHz = floor
        windowLength = max(8, Int((parameters.periodsPerWindow / floor * sampleRateHz).rounded()))
        minimumLag = max(2, Int((sampleRateHz / parameters.ceilingHz).rounded(.down)))
        maximumLag = min(windowLength - 2, Int((sampleRateHz / floor).rounded(.up)) + 1)
        // Zero padding up to the largest lag keeps the circular correlation free of wrap-around.
        fft = RealFFT(size: RealFFT.fastSize(atLeast: windowLength + maximumLag + 2))
        window = Window.hann(length: windowLength + 2).dropFirst().dropLast().map { $0 }
        correlationEnd = max(maximumLag + 1, min(maximumLag + Self.interpolationDepth, windowLength / 2))
        correlation = [Float](repeating: 0, count: correlationEnd + 1)
        kernelTable = (0..<Self.phases).flatMap { phase -> [Float] in
            let depth = Self.interpolationDepth
            let fraction = Double(phase) / Double(Self.phases)
            return ((1 - depth)...depth).map { offset -> Float in
                let distance = fraction - Double(offset)
                let sinc = distance == 0 ? 1 : sin(Double.pi * distance) / (Double.pi * distance)
                return Float(sinc * (0.5 + 0.5 * cos(Double.pi * distance / Double(depth))))
            }
        }
        // The window's own autocorrelation, through the same transform.
        for i in 0..<fft.size { fft.input[i] = i < windowLength ? window[i] : 0 }
        Self.autocorrelate(fft)
        let zeroLag = fft.input[0]
        windowCorrelation = (0...correlationEnd).map { [fft] lag in fft.input[lag] / zeroLag }
    }

    /// `input = IFFT(|FFT(input)|^2)`, i.e. the (unnormalised) autocorrelation of `input`.
    private static func autocorrelate(_ fft: RealFFT) {
        fft.forward()
        let spectrum = fft.spectrum
        for bin in 0..<fft.binCount {
            let re = spectrum[2 * bin], im = spectrum[2 * bin + 1]
            spectrum[2 * bin] = re * re + im * im
            spectrum[2 * bin + 1] = 0
        }
        fft.inverse()
    }

    /// Finds the voiced candidates of one frame and the strength of its unvoiced candidate.
    ///
    /// - Parameters:
    ///   - frame: `windowLength` samples at `sampleRateHz`, centred on the frame time (zero-padded at the edges).
    ///   - globalPeak: largest absolute (mean-removed) sample of the whole signal, for the silence rule.
    ///   - table: receives row `frameIndex`: up to `table.capacity` candidates, strongest first is not implied.
    /// A silent frame gets no voiced candidates and an unvoiced strength above 1.
    public func candidates(frame: UnsafeBufferPointer<Float>, globalPeak: Float,
                           into table: PitchCandidateTable, frameIndex: Int) {
        precondition(frame.count == windowLength, "frame has \(frame.count) samples, needs \(windowLength)")
        var mean: Float = 0
        for sample in frame { mean += sample }
        mean /= Float(windowLength)
        var localPeak: Float = 0
        let input = fft.input
        window.withUnsafeBufferPointer { w in
            for i in 0..<windowLength {
                let centred = frame[i] - mean
                localPeak = max(localPeak, abs(centred))
                input[i] = centred * w[i]
            }
        }
        for i in windowLength..<fft.size { input[i] = 0 }

        let voicing = Float(parameters.voicingThreshold)
        let silence = Float(parameters.silenceThreshold)
        let relativePeak = globalPeak > 0 ? localPeak / globalPeak : 0
        // Boersma (1993) eq. 24: quiet frames lean unvoiced.
        table.unvoicedStrengths[frameIndex] = voicing + max(0, 2 - relativePeak / (silence / (1 + voicing)))
        table.counts[frameIndex] = 0
        table.bestCorrelations[frameIndex] = 0
        table.localPeaks[frameIndex] = localPeak

        Self.autocorrelate(fft)
        let zeroLag = input[0]
        guard zeroLag > 0 else { return }
        let firstLag = max(0, minimumLag - 1 - Self.interpolationDepth)
        // Through buffer pointers: element access to a class's array property pays a dynamic exclusivity check.
        correlation.withUnsafeMutableBufferPointer { r in
            windowCorrelation.withUnsafeBufferPointer { w in
                for lag in firstLag...correlationEnd { r[lag] = input[lag] / (zeroLag * w[lag]) }
            }
        }

        let capacity = table.capacity
        let rowStart = frameIndex * capacity
        var count = 0
        var best: Float = 0
        let octaveCost = Float(parameters.octaveCost)
        let floorHz = Float(parameters.floorHz)
        let rate = Float(sampleRateHz)
        // The row through buffer pointers (a class's array elements pay a dynamic exclusivity check each).
        table.frequenciesHz.withUnsafeMutableBufferPointer { frequencies in table.strengths.withUnsafeMutableBufferPointer { strengths in
            correlation.withUnsafeBufferPointer { r in
                for lag in minimumLag...maximumLag {
                    let here = r[lag], left = r[lag - 1], right = r[lag + 1]
                    guard here > 0.5 * voicing, here > left, here >= right else { continue }
                    // Parabolic interpolation of the peak's lag and height.
                    let curvature = left - 2 * here + right
                    let offset = curvature < 0 ? 0.5 * (left - right) / curvature : 0
                    var height = here - 0.25 * (left - right) * offset
                    if height > 1 { height = 1 / height }   // as Praat: over-unity peaks are interpolation artefacts
                    let frequency = rate / (Float(lag) + offset)
                    best = max(best, height)
                    let strength = height - octaveCost * log2(floorHz / frequency)
                    if count < capacity {
                        frequencies[rowStart + count] = frequency
                        strengths[rowStart + count] = strength
                        count += 1
                    } else {
                        // Replace the weakest kept candidate.
                        var weakest = rowStart
                        for k in rowStart..<(rowStart + capacity) where strengths[k] < strengths[weakest] {
                            weakest = k
                        }
                        if strength > strengths[weakest] {
                            frequencies[weakest] = frequency
                            strengths[weakest] = strength
                        }
                    }
                }
            }
            // Second pass, as Praat's: the parabola misjudges a sharp peak's height by a few per cent, which is as
            // much as the octave cost, so the kept candidates are re-measured on the sinc-interpolated correlation.
            // Matters most at the 4 kHz analysis rate, where a 300 Hz period spans only 13 samples.
            if parameters.refinesPeaks {
                best = 0
                correlation.withUnsafeBufferPointer { r in kernelTable.withUnsafeBufferPointer { kernels in
                    for k in rowStart..<(rowStart + count) {
                        let oldHeight = strengths[k] + octaveCost * log2(floorHz / frequencies[k])
                        let (lag, peak) = refinedMaximum(r, kernels: kernels, near: rate / frequencies[k],
                                                         firstLag: firstLag)
                        var height = peak
                        if height > 1 { height = 1 / height }
                        guard height > 0, abs(peak - oldHeight) < 0.5 else { best = max(best, oldHeight); continue }
                        let frequency = rate / lag
                        frequencies[k] = frequency
                        strengths[k] = height - octaveCost * log2(floorHz / frequency)
                        best = max(best, height)
                    }
                } }
            }
        } }
        table.counts[frameIndex] = Int32(count)
        table.bestCorrelations[frameIndex] = best
    }

    /// The correlation at lag `step / phases` samples, by Hann-windowed sinc interpolation over
    /// `interpolationDepth` samples each side (as Praat's `NUM_interpolate_sinc`), from the kernel table.
    /// Lags below 0 mirror (the correlation is even); lags outside the computed stretch count as 0.
    @inline(__always)
    private func interpolated(_ r: UnsafeBufferPointer<Float>, kernels: UnsafeBufferPointer<Float>,
                              atStep step: Int, firstLag: Int) -> Float {
        let depth = Self.interpolationDepth, taps = 2 * depth
        let left = step >> Self.phaseBits
        let kernel = (step & (Self.phases - 1)) * taps
        let first = left + 1 - depth
        var sum: Float = 0
        if first >= firstLag && left + depth <= correlationEnd {
            for tap in 0..<taps { sum += r[first + tap] * kernels[kernel + tap] }
        } else {
            for tap in 0..<taps {
                let sample = abs(first + tap)
                if sample >= firstLag && sample <= correlationEnd { sum += r[sample] * kernels[kernel + tap] }
            }
        }
        return sum
    }

    /// Lag and height of the interpolated correlation's maximum near `lag`: a three-point parabola through
    /// interpolated values 1/8 sample apart, moved until its vertex lies between the outer two (at most 4 times).
    private func refinedMaximum(_ r: UnsafeBufferPointer<Float>, kernels: UnsafeBufferPointer<Float>,
                                near lag: Float, firstLag: Int) -> (lag: Float, height: Float) {
        let spacing = Self.phases / 8
        var centreStep = Int((lag * Float(Self.phases)).rounded())
        var centre = interpolated(r, kernels: kernels, atStep: centreStep, firstLag: firstLag)
        var below = interpolated(r, kernels: kernels, atStep: centreStep - spacing, firstLag: firstLag)
        var above = interpolated(r, kernels: kernels, atStep: centreStep + spacing, firstLag: firstLag)
        for _ in 0..<4 {
            if below > centre && below > above {
                above = centre; centre = below; centreStep -= spacing
                below = interpolated(r, kernels: kernels, atStep: centreStep - spacing, firstLag: firstLag)
            } else if above > centre {
                below = centre; centre = above; centreStep += spacing
                above = interpolated(r, kernels: kernels, atStep: centreStep + spacing, firstLag: firstLag)
            } else {
                break
            }
        }
        let curvature = below - 2 * centre + above
        let offset = curvature < 0 ? max(-1, min(1, 0.5 * (below - above) / curvature)) : 0
        let height = centre - 0.25 * (below - above) * offset
        return ((Float(centreStep) + offset * Float(spacing)) / Float(Self.phases), height)
    }
}
