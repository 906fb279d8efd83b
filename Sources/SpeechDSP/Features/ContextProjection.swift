/// Stacks each frame with its +-`contextFrames` neighbours (edges repeated) and projects the stack with a
/// fixed matrix: `y_t = W^T (stack_t - mean)`. Used for a learned speaker-independent projection
/// (linear discriminant analysis over phone classes, as in the LDA front ends of speech recognisers;
/// Haeb-Umbach & Ney 1992, "Linear discriminant analysis for improved large vocabulary continuous speech recognition").
///
/// Allocates only the output matrix; the per-frame work reads the input in place.
public struct ContextProjection: Sendable {
    public let contextFrames: Int
    public let inputDimension: Int
    public let outputDimension: Int
    private let mean: [Float]
    /// Row-major (stacked input dimension) x (output dimension).
    private let matrix: [Float]

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
        self.matrix = matrix
    }

    private static let tileWidth = 32

    public func apply(_ input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == inputDimension, "projection expects \(inputDimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, d = inputDimension, out = outputDimension, context = contextFrames
        var result = FeatureMatrix(frameCount: n, dimension: out, hopSeconds: input.hopSeconds)
        guard n > 0 else { return result }
        input.values.withUnsafeBufferPointer { x in
            mean.withUnsafeBufferPointer { mu in
                matrix.withUnsafeBufferPointer { w in
                    result.values.withUnsafeMutableBufferPointer { y in
                        let tiled = out / Self.tileWidth * Self.tileWidth
                        for t in 0..<n {
                            let row = y.baseAddress! + t * out
                            // Outputs in tiles of 32 held in registers over the whole stacked input, the rest
                            // accumulated in memory.
                            for tile in stride(from: 0, to: tiled, by: Self.tileWidth) {
                                var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), acc3 = SIMD8<Float>()
                                for c in -context...context {
                                    let source = x.baseAddress! + min(n - 1, max(0, t + c)) * d
                                    let block = (c + context) * d
                                    for k in 0..<d {
                                        let scale = SIMD8<Float>(repeating: source[k] - mu[block + k])
                                        let weights = UnsafeRawPointer(w.baseAddress! + (block + k) * out + tile)
                                        acc0 += scale * weights.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
                                        acc1 += scale * weights.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                                        acc2 += scale * weights.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                                        acc3 += scale * weights.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                                    }
                                }
                                let target = UnsafeMutableRawPointer(row + tile)
                                target.storeBytes(of: acc0, toByteOffset: 0, as: SIMD8<Float>.self)
                                target.storeBytes(of: acc1, toByteOffset: 32, as: SIMD8<Float>.self)
                                target.storeBytes(of: acc2, toByteOffset: 64, as: SIMD8<Float>.self)
                                target.storeBytes(of: acc3, toByteOffset: 96, as: SIMD8<Float>.self)
                            }
                            guard tiled < out else { continue }
                            for o in tiled..<out { row[o] = 0 }
                            for c in -context...context {
                                let source = x.baseAddress! + min(n - 1, max(0, t + c)) * d
                                let block = (c + context) * d
                                for k in 0..<d {
                                    VectorKernels.addScaled(w.baseAddress! + (block + k) * out + tiled,
                                                            scale: source[k] - mu[block + k],
                                                            into: row + tiled, count: out - tiled)
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
