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
    /// Frame length in samples (`periodsPerWindow / floorHz` seconds).
    public let windowLength: Int
    public let minimumLag: Int
    public let maximumLag: Int

    private let fft: RealFFT
    private let window: [Float]
    /// Autocorrelation of the window, normalised to 1 at lag 0 (Boersma 1993, eq. 8).
    private let windowCorrelation: [Float]
    /// Normalised autocorrelation of the current frame at lags 0...maximumLag + 1.
    private var correlation: [Float]

    public init(sampleRateHz: Double, parameters: PitchParameters = PitchParameters()) {
        precondition(parameters.floorHz > 0 && parameters.ceilingHz > parameters.floorHz,
                     "pitch range \(parameters.floorHz)...\(parameters.ceilingHz) Hz is empty")
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        windowLength = max(8, Int((parameters.periodsPerWindow / parameters.floorHz * sampleRateHz).rounded()))
        minimumLag = max(2, Int((sampleRateHz / parameters.ceilingHz).rounded(.down)))
        maximumLag = min(windowLength - 2, Int((sampleRateHz / parameters.floorHz).rounded(.up)) + 1)
        // Zero padding up to the largest lag keeps the circular correlation free of wrap-around.
        fft = RealFFT(size: RealFFT.fastSize(atLeast: windowLength + maximumLag + 2))
        window = Window.hann(length: windowLength + 2).dropFirst().dropLast().map { $0 }
        correlation = [Float](repeating: 0, count: maximumLag + 2)
        // The window's own autocorrelation, through the same transform.
        for i in 0..<fft.size { fft.input[i] = i < windowLength ? window[i] : 0 }
        Self.autocorrelate(fft)
        let zeroLag = fft.input[0]
        windowCorrelation = (0..<(maximumLag + 2)).map { [fft] lag in fft.input[lag] / zeroLag }
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
        let lastLag = maximumLag + 1
        for lag in (minimumLag - 1)...lastLag {
            correlation[lag] = input[lag] / (zeroLag * windowCorrelation[lag])
        }

        let capacity = table.capacity
        let rowStart = frameIndex * capacity
        var count = 0
        var best: Float = 0
        let octaveCost = Float(parameters.octaveCost)
        let floorHz = Float(parameters.floorHz)
        let rate = Float(sampleRateHz)
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
                    table.frequenciesHz[rowStart + count] = frequency
                    table.strengths[rowStart + count] = strength
                    count += 1
                } else {
                    // Replace the weakest kept candidate.
                    var weakest = rowStart
                    for k in rowStart..<(rowStart + capacity) where table.strengths[k] < table.strengths[weakest] {
                        weakest = k
                    }
                    if strength > table.strengths[weakest] {
                        table.frequenciesHz[weakest] = frequency
                        table.strengths[weakest] = strength
                    }
                }
            }
        }
        table.counts[frameIndex] = Int32(count)
        table.bestCorrelations[frameIndex] = best
    }
}
