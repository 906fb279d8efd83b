import Foundation

/// Mel-frequency cepstral coefficients (Davis & Mermelstein 1980) and frame log energy, through `RealFFT`.
///
/// Pipeline per frame: pre-emphasis, Hann window, power spectrum, mel filterbank, natural log (floored),
/// orthonormal DCT-II keeping `coefficientCount` coefficients (c0 included). Every buffer and the DCT
/// matrix are made in `init`; `analyze(_:)` allocates only its output matrices and nothing per frame.
/// Not thread-safe (it owns an FFT): one per worker.
public final class MFCCAnalyzer {
    public struct Parameters: Sendable, Equatable {
        /// Frame length, 0.015 ... 0.040 s (speech recognition uses 0.025 s).
        public var frameSeconds = 0.025
        /// Hop between frames, 0.005 ... 0.020 s.
        public var hopSeconds = 0.010
        /// Mel bands, 20 ... 40.
        public var melBandCount = 26
        /// Cepstral coefficients kept including c0, 8 ... 20.
        public var coefficientCount = 13
        public var lowHz = 60.0
        public var highHz = 7600.0
        /// First-order pre-emphasis `x[n] - a x[n-1]`, 0 ... 0.98 (0 = off).
        public var preemphasis: Float = 0.97
        /// Log floor of mel energies, so digital silence gives a finite value.
        public var logFloor: Float = 1e-10
        /// Vocal tract length perturbation of the mel filters (`MelFilterbank`), 0.8 ... 1.2; 1 = none. Only the
        /// phone classifier's training data is perturbed (bench/pronunciation/fit); analysis keeps 1.
        public var frequencyWarp = 1.0
        public init() {}
    }

    /// Cepstra of a whole signal plus the frame level in dB (relative to full scale, floored at -100 dB).
    public struct Output: Sendable {
        public var cepstra: FeatureMatrix
        public var levelDecibels: [Float]
    }

    public let parameters: Parameters
    public let sampleRateHz: Double
    public let frameLength: Int
    public let hopLength: Int
    private let fft: RealFFT
    private let window: [Float]
    private let filterbank: MelFilterbank
    private let dct: [Float]          // coefficientCount x melBandCount, row-major
    private let power: UnsafeMutableBufferPointer<Float>
    private let mel: UnsafeMutableBufferPointer<Float>

    public init(sampleRateHz: Double, parameters: Parameters = .init()) {
        precondition(sampleRateHz > 0, "sample rate \(sampleRateHz) Hz")
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        frameLength = max(16, Int((parameters.frameSeconds * sampleRateHz).rounded()))
        hopLength = max(1, Int((parameters.hopSeconds * sampleRateHz).rounded()))
        var size = 1
        while size < frameLength { size <<= 1 }
        fft = RealFFT(size: size)
        window = Window.hann(length: frameLength)
        filterbank = MelFilterbank(sampleRateHz: sampleRateHz, fftSize: size, bandCount: parameters.melBandCount,
                                   lowHz: parameters.lowHz, highHz: min(parameters.highHz, sampleRateHz / 2),
                                   frequencyWarp: parameters.frequencyWarp)
        let bands = parameters.melBandCount, coefficients = parameters.coefficientCount
        var matrix = [Float](repeating: 0, count: coefficients * bands)
        for k in 0..<coefficients {
            let scale = k == 0 ? sqrt(1.0 / Double(bands)) : sqrt(2.0 / Double(bands))
            for b in 0..<bands {
                matrix[k * bands + b] = Float(scale * cos(Double.pi * Double(k) * (Double(b) + 0.5) / Double(bands)))
            }
        }
        dct = matrix
        power = .allocate(capacity: fft.binCount)
        power.initialize(repeating: 0)
        mel = .allocate(capacity: bands)
        mel.initialize(repeating: 0)
    }

    deinit {
        power.deallocate()
        mel.deallocate()
    }

    /// Number of frames for `sampleCount` samples: frames start every hop while a full frame fits
    /// (a signal shorter than one frame gives one zero-padded frame; an empty one gives none).
    public func frameCount(sampleCount: Int) -> Int {
        guard sampleCount > 0 else { return 0 }
        return sampleCount <= frameLength ? 1 : 1 + (sampleCount - frameLength) / hopLength
    }

    /// Cepstra and levels of `samples`.
    public func analyze(_ samples: [Float]) -> Output {
        let frames = frameCount(sampleCount: samples.count)
        let coefficients = parameters.coefficientCount
        var cepstra = FeatureMatrix(frameCount: frames, dimension: coefficients, hopSeconds: parameters.hopSeconds)
        var levels = [Float](repeating: -100, count: frames)
        samples.withUnsafeBufferPointer { signal in
            cepstra.values.withUnsafeMutableBufferPointer { out in
                for frame in 0..<frames {
                    levels[frame] = analyzeFrame(signal: signal, start: frame * hopLength,
                                                 into: UnsafeMutableBufferPointer(rebasing: out[(frame * coefficients)...]))
                }
            }
        }
        return Output(cepstra: cepstra, levelDecibels: levels)
    }

    /// One frame starting at `start`; writes `coefficientCount` values and returns the frame level in dB.
    private func analyzeFrame(signal: UnsafeBufferPointer<Float>, start: Int,
                              into out: UnsafeMutableBufferPointer<Float>) -> Float {
        let input = fft.input
        let a = parameters.preemphasis
        var energy: Float = 0
        window.withUnsafeBufferPointer { w in
            if start > 0 && start + frameLength <= signal.count {
                // Interior frame: no edge tests, so the loop vectorises.
                let x = signal.baseAddress! + start
                for n in 0..<frameLength {
                    input[n] = (x[n] - a * x[n - 1]) * w[n]
                }
                energy = VectorKernels.dot(x, x, count: frameLength)
            } else {
                for n in 0..<frameLength {
                    let index = start + n
                    let x = index < signal.count ? signal[index] : 0
                    let previous = index > 0 && index - 1 < signal.count ? signal[index - 1] : 0
                    energy += x * x
                    input[n] = (x - a * previous) * w[n]
                }
            }
        }
        for n in frameLength..<fft.size { input[n] = 0 }
        fft.forward()
        fft.powerSpectrum(into: power)
        filterbank.apply(power: UnsafeBufferPointer(power), into: mel)
        let bands = parameters.melBandCount
        for b in 0..<bands { mel[b] = log(max(mel[b], parameters.logFloor)) }
        dct.withUnsafeBufferPointer { d in
            for k in 0..<parameters.coefficientCount {
                out[k] = VectorKernels.dot(d.baseAddress! + k * bands, UnsafePointer(mel.baseAddress!), count: bands)
            }
        }
        let meanSquare = energy / Float(frameLength)
        return meanSquare > 1e-10 ? max(-100, 10 * log10(meanSquare)) : -100
    }
}
