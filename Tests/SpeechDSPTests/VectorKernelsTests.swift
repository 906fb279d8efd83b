import Foundation
import SpeechDSP
import Testing

/// The SIMD kernels against plain loops, on lengths around their 8- and 16-wide steps.
@Suite struct VectorKernelsTests {
    func values(_ count: Int, seed: Float) -> [Float] {
        (0..<count).map { index -> Float in
            let phase = Float(index) * 0.37 + seed
            return sinf(phase) * Float(1 + index % 5)
        }
    }

    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 33, 100])
    func dotAndSumMatchPlainLoops(count: Int) {
        let a = values(count, seed: 0.1), b = values(count, seed: 1.3)
        let plainDot = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let plainSum = a.reduce(0, +)
        let dot = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            VectorKernels.dot(x.baseAddress!, y.baseAddress!, count: count) } }
        let sum = a.withUnsafeBufferPointer { VectorKernels.sum($0.baseAddress!, count: count) }
        // Reordered float sums: equal to a few ulps of the magnitudes involved.
        #expect(abs(dot - plainDot) <= 1e-5 * (1 + Float(count)) * 4)
        #expect(abs(sum - plainSum) <= 1e-5 * (1 + Float(count)) * 4)
    }

    /// Output sizes below, at and above the kernel's tiles, against the defining formula summed in the same order:
    /// equal to the bit (11 frames: two blocks of four and a short one).
    @Test(arguments: [5, 32, 37, 64])
    func contextProjectionMatchesTheFormula(outputDimension: Int) {
        let d = 6, context = 2, n = 11
        let stacked = (2 * context + 1) * d
        let mean = values(stacked, seed: 2)
        let matrix = values(stacked * outputDimension, seed: 3)
        var input = FeatureMatrix(frameCount: n, dimension: d, hopSeconds: 0.01)
        input.values = values(n * d, seed: 4)
        let projection = ContextProjection(inputDimension: d, contextFrames: context, outputDimension: outputDimension,
                                           mean: mean, matrix: matrix)
        let output = projection.apply(input)
        for t in 0..<n {
            for o in 0..<outputDimension {
                var expected: Float = 0
                for c in -context...context {
                    let source = min(n - 1, max(0, t + c))
                    for k in 0..<d {
                        let row = (c + context) * d + k
                        expected += (input.values[source * d + k] - mean[row]) * matrix[row * outputDimension + o]
                    }
                }
                #expect(output.values[t * outputDimension + o] == expected, "frame \(t) output \(o)")
            }
        }
    }

    @Test(arguments: [1, 8, 13, 64])
    func copyMeasuringPeakCountsClippedSamples(count: Int) {
        var source = values(count, seed: 0.7)
        source[count / 2] = -1.0           // a negative full-scale sample counts as clipped
        var target = [Float](repeating: 9, count: count)
        let (clipped, peak) = source.withUnsafeBufferPointer { s in target.withUnsafeMutableBufferPointer { t in
            VectorKernels.copyMeasuringPeak(s.baseAddress!, into: t.baseAddress!, count: count, clipLevel: 0.999) } }
        #expect(target == source)
        #expect(clipped == source.filter { abs($0) >= 0.999 }.count)
        #expect(peak == source.map(abs).max())
    }
}
