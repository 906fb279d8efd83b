import Foundation

/// Triangular filters equally spaced on the mel scale (HTK formula `mel = 2595 log10(1 + f/700)`;
/// Davis & Mermelstein 1980, "Comparison of parametric representations for monosyllabic word recognition").
///
/// Weights are computed once in `init`; `apply(power:into:)` allocates nothing. Each filter is stored as
/// its first bin and a short run of weights, so the per-frame cost is the total filter width, not bands x bins.
public struct MelFilterbank: Sendable {
    public let bandCount: Int
    public let binCount: Int
    private let firstBin: [Int]
    private let weightOffset: [Int]
    private let weightCount: [Int]
    private let weights: [Float]

    /// - Parameters:
    ///   - sampleRateHz: rate of the analysed signal (8000 ... 48000 Hz typical).
    ///   - fftSize: FFT length whose `fftSize / 2 + 1` power bins are filtered.
    ///   - bandCount: number of filters, 10 ... 128 (speech: 23 ... 40).
    ///   - lowHz, highHz: edges of the lowest and highest filter, `0 <= lowHz < highHz <= sampleRateHz / 2`.
    ///   - frequencyWarp: vocal tract length perturbation factor alpha, 0.8 ... 1.2 (1 = none): filter edges f below
    ///     a cutoff move to alpha f, above it linearly so that `highHz` stays (Jaitly & Hinton 2013, "Vocal Tract
    ///     Length Perturbation (VTLP) improves speech recognition"). For training-data augmentation only.
    public init(sampleRateHz: Double, fftSize: Int, bandCount: Int, lowHz: Double, highHz: Double, frequencyWarp: Double = 1) {
        precondition(bandCount >= 1 && lowHz >= 0 && highHz > lowHz && highHz <= sampleRateHz / 2,
                     "mel filterbank \(bandCount) bands \(lowHz)...\(highHz) Hz at \(sampleRateHz) Hz")
        func mel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
        func hz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        self.bandCount = bandCount
        self.binCount = fftSize / 2 + 1
        let binHz = sampleRateHz / Double(fftSize)
        let lowMel = mel(lowHz), highMel = mel(highHz)
        let alpha = frequencyWarp, cutoff = 0.85 * highHz * min(1, 1 / frequencyWarp)
        func warp(_ f: Double) -> Double {
            guard alpha != 1 else { return f }
            return f <= cutoff ? alpha * f : alpha * cutoff + (highHz - alpha * cutoff) * (f - cutoff) / (highHz - cutoff)
        }
        let edges = (0...(bandCount + 1)).map { warp(hz(lowMel + (highMel - lowMel) * Double($0) / Double(bandCount + 1))) }
        var first = [Int](), offsets = [Int](), counts = [Int](), all = [Float]()
        for band in 0..<bandCount {
            let left = edges[band], centre = edges[band + 1], right = edges[band + 2]
            let lo = max(0, Int(ceil(left / binHz))), hi = min(binCount - 1, Int(floor(right / binHz)))
            first.append(lo)
            offsets.append(all.count)
            var count = 0
            if hi >= lo {
                for bin in lo...hi {
                    let f = Double(bin) * binHz
                    let w = f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre)
                    all.append(Float(max(0, w)))
                    count += 1
                }
            }
            counts.append(count)
        }
        firstBin = first
        weightOffset = offsets
        weightCount = counts
        weights = all
    }

    /// `energies[b] = sum_k weight[b][k] * power[k]` for every band.
    public func apply(power: UnsafeBufferPointer<Float>, into energies: UnsafeMutableBufferPointer<Float>) {
        precondition(power.count >= binCount && energies.count >= bandCount, "filterbank buffers too small")
        weights.withUnsafeBufferPointer { w in
            for band in 0..<bandCount {
                energies[band] = VectorKernels.dot(w.baseAddress! + weightOffset[band], power.baseAddress! + firstBin[band],
                                                   count: weightCount[band])
            }
        }
    }
}
