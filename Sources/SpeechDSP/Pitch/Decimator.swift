import Foundation

/// Low-pass FIR filter and integer-factor decimation with zero phase (output `n` is centred on input `n * factor`).
///
/// Blackman-windowed sinc, `16 * factor + 1` taps, cutoff at 0.45 of the output rate: aliasing above the
/// cutoff folds into the top 10 % of the output band, where the pitch autocorrelation barely looks.
/// Allocates in `init`; `process` allocates nothing.
public struct Decimator: Sendable {
    public let factor: Int
    private let taps: [Float]
    private let halfLength: Int

    /// - Parameter factor: 1 (copy) ... 64.
    public init(factor: Int) {
        precondition(factor >= 1 && factor <= 64, "decimation factor \(factor) is outside 1...64")
        self.factor = factor
        guard factor > 1 else { taps = [1]; halfLength = 0; return }
        let half = 8 * factor
        halfLength = half
        let length = 2 * half + 1
        let cutoff = 0.45 / Double(factor)        // cycles per input sample
        var designed = (0..<length).map { i -> Double in
            let n = Double(i - half)
            let sinc = n == 0 ? 2 * cutoff : sin(2 * Double.pi * cutoff * n) / (Double.pi * n)
            let phase = 2 * Double.pi * Double(i) / Double(length - 1)
            return sinc * (0.42 - 0.5 * cos(phase) + 0.08 * cos(2 * phase))
        }
        let gain = designed.reduce(0, +)
        designed = designed.map { $0 / gain }
        taps = designed.map(Float.init)
    }

    /// Output samples for `inputCount` input samples.
    public func outputCount(inputCount: Int) -> Int { (inputCount + factor - 1) / factor }

    /// Filters and decimates `input` into `output` (at least `outputCount(inputCount:)` long); returns the count.
    @discardableResult
    public func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) -> Int {
        let count = outputCount(inputCount: input.count)
        precondition(output.count >= count)
        let n = input.count
        taps.withUnsafeBufferPointer { h in
            for out in 0..<count {
                let centre = out * factor
                let first = centre - halfLength
                var sum: Float = 0
                if first >= 0 && first + h.count <= n {
                    sum = VectorKernels.dot(h.baseAddress!, input.baseAddress! + first, count: h.count)
                } else {
                    for k in 0..<h.count {
                        let index = first + k
                        if index >= 0 && index < n { sum += h[k] * input[index] }
                    }
                }
                output[out] = sum
            }
        }
        return count
    }
}
