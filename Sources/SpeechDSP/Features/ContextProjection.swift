/// Stacks each frame with its +-`contextFrames` neighbours (edges repeated) and projects the stack with a
/// fixed matrix: `y_t = W^T (stack_t - mean)`. Used for a learned speaker-independent projection
/// (linear discriminant analysis over phone classes, as in the LDA front ends of speech recognisers;
/// Haeb-Umbach & Ney 1992, "Linear discriminant analysis for improved large vocabulary continuous speech recognition").
///
/// Allocates the output matrix and a few kilobytes of scratch per call; the per-frame work allocates nothing.
public struct ContextProjection: Sendable {
    public let contextFrames: Int
    public let inputDimension: Int
    public let outputDimension: Int
    private let mean: [Float]
    /// The matrix packed for `DenseBlockKernel`, with zero bias.
    private let layer: PackedDenseLayer

    /// - Parameters:
    ///   - inputDimension: per-frame dimension before stacking.
    ///   - contextFrames: neighbours on each side, 0 ... 10.
    ///   - mean: `(2 * contextFrames + 1) * inputDimension` values.
    ///   - matrix: stacked-dimension x `outputDimension`, row-major.
    public init(inputDimension: Int, contextFrames: Int, outputDimension: Int, mean: [Float], matrix: [Float]) {
        let stacked = (2 * contextFrames + 1) * inputDimension
        precondition(contextFrames >= 0 && outputDimension > 0 && mean.count == stacked && matrix.count == stacked * outputDimension,
                     "projection: \(mean.count) means and \(matrix.count) weights for \(stacked) x \(outputDimension)")
        self.inputDimension = inputDimension
        self.contextFrames = contextFrames
        self.outputDimension = outputDimension
        self.mean = mean
        layer = PackedDenseLayer(inputs: stacked, outputs: outputDimension, rowMajorWeights: matrix,
                                 bias: [Float](repeating: 0, count: outputDimension))
    }

    public func apply(_ input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == inputDimension, "projection expects \(inputDimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, d = inputDimension, out = outputDimension, context = contextFrames
        let width = (2 * context + 1) * d, block = DenseBlockKernel.framesPerBlock, padded = layer.paddedOutputs
        var result = FeatureMatrix(frameCount: n, dimension: out, hopSeconds: input.hopSeconds)
        guard n > 0 else { return result }
        // Four frames at a time through the dense-layer kernel, the mean subtracted while stacking: the same
        // operations in the same order as `W^T (stack - mean)` summed over the stack, one frame at a time.
        var stacked = [Float](repeating: 0, count: block * width), projected = [Float](repeating: 0, count: block * padded)
        input.values.withUnsafeBufferPointer { x in
            mean.withUnsafeBufferPointer { mu in
                result.values.withUnsafeMutableBufferPointer { y in
                    stacked.withUnsafeMutableBufferPointer { s in
                        projected.withUnsafeMutableBufferPointer { p in
                            for first in stride(from: 0, to: n, by: block) {
                                for f in 0..<block {
                                    let t = min(n - 1, first + f)
                                    for c in -context...context {
                                        let source = x.baseAddress! + min(n - 1, max(0, t + c)) * d
                                        let offset = (c + context) * d
                                        for k in 0..<d { s[f * width + offset + k] = source[k] - mu[offset + k] }
                                    }
                                }
                                DenseBlockKernel.apply(layer, source: s.baseAddress!, stride: width, into: p.baseAddress!)
                                for f in 0..<min(block, n - first) {
                                    (y.baseAddress! + (first + f) * out).update(from: p.baseAddress! + f * padded, count: out)
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
