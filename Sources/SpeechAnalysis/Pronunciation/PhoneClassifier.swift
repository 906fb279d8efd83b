import Foundation
import SpeechDSP

/// Frame phone log posteriors from a `PhoneModel`: the frame classifier of hybrid connectionist speech
/// recognition (Bourlard & Morgan 1994, "Connectionist Speech Recognition: A Hybrid Approach") at a small scale,
/// its output read by `GoodnessOfPronunciation`.
///
/// Copies the weights and allocates its per-frame scratch (activations, neighbour pointers) in `init`; `logPosteriors(of:)` allocates
/// only the output matrix. The products run in registers, 32 outputs at a time, as in `ContextProjection`: each
/// input value is broadcast and multiplied with 32 contiguous weights, so the weights stream once per frame.
/// One per worker, not thread-safe.
public final class PhoneClassifier {
    public let model: PhoneModel
    public var classCount: Int { model.classLabels.count }

    /// One layer's weights and output scratch, copied out of the model once.
    private struct Dense {
        let inputs: Int, outputs: Int, relu: Bool
        let weights: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    }
    private let layers: [Dense]
    private let neighbours: UnsafeMutablePointer<UnsafePointer<Float>>

    public init(model: PhoneModel) {
        self.model = model
        layers = model.layers.map { layer in
            let weights = UnsafeMutablePointer<Float>.allocate(capacity: layer.weights.count)
            weights.initialize(from: layer.weights, count: layer.weights.count)
            let bias = UnsafeMutablePointer<Float>.allocate(capacity: layer.outputs)
            bias.initialize(from: layer.bias, count: layer.outputs)
            let output = UnsafeMutablePointer<Float>.allocate(capacity: layer.outputs)
            output.initialize(repeating: 0, count: layer.outputs)
            return Dense(inputs: layer.inputs, outputs: layer.outputs, relu: layer.activation == "relu",
                         weights: weights, bias: bias, output: output)
        }
        neighbours = .allocate(capacity: 2 * model.contextFrames + 1)
    }

    deinit {
        for layer in layers {
            layer.weights.deallocate(); layer.bias.deallocate(); layer.output.deallocate()
        }
        neighbours.deallocate()
    }

    /// Log posteriors (natural log, each row sums to 1 in probability) of every row of `input`, whose rows must
    /// have `model.frameDimension` values (the frames the model was trained on); edges repeat the first/last row.
    public func logPosteriors(of input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == model.frameDimension, "phone model reads \(model.frameDimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, d = input.dimension, context = model.contextFrames, classes = classCount
        var result = FeatureMatrix(frameCount: n, dimension: classes, hopSeconds: input.hopSeconds)
        guard n > 0 else { return result }
        let blocks = 2 * context + 1
        input.values.withUnsafeBufferPointer { x in
            result.values.withUnsafeMutableBufferPointer { y in
                for t in 0..<n {
                    for c in -context...context {
                        neighbours[c + context] = UnsafePointer(x.baseAddress! + min(n - 1, max(0, t + c)) * d)
                    }
                    for l in layers.indices {
                        let layer = layers[l]
                        let target = l == layers.count - 1 ? y.baseAddress! + t * classes : layer.output
                        if l == 0 {
                            Self.affine(sources: neighbours, blocks: blocks, blockWidth: d, layer: layer, into: target)
                        } else {
                            var previous = UnsafePointer(layers[l - 1].output)
                            Self.affine(sources: &previous, blocks: 1, blockWidth: layer.inputs, layer: layer, into: target)
                        }
                        if layer.relu {
                            for o in 0..<layer.outputs { target[o] = max(0, target[o]) }
                        } else {
                            Self.logSoftmax(target, count: layer.outputs)
                        }
                    }
                }
            }
        }
        return result
    }

    private static let tileWidth = 32

    /// `out = bias + sum over blocks b of W[b * width ..< (b + 1) * width]^T sources[b]`.
    @inline(__always)
    private static func affine(sources: UnsafePointer<UnsafePointer<Float>>, blocks: Int, blockWidth width: Int, layer: Dense,
                               into out: UnsafeMutablePointer<Float>) {
        let outputs = layer.outputs, w = layer.weights, b = layer.bias
        let tiled = outputs / tileWidth * tileWidth
        for tile in stride(from: 0, to: tiled, by: tileWidth) {
            let bias = UnsafeRawPointer(b + tile)
            var acc0 = bias.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
            var acc1 = bias.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var acc2 = bias.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            var acc3 = bias.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            for block in 0..<blocks {
                let source = sources[block]
                for k in 0..<width {
                    let scale = SIMD8<Float>(repeating: source[k])
                    let weights = UnsafeRawPointer(w + (block * width + k) * outputs + tile)
                    acc0 += scale * weights.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
                    acc1 += scale * weights.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                    acc2 += scale * weights.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                    acc3 += scale * weights.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                }
            }
            let target = UnsafeMutableRawPointer(out + tile)
            target.storeBytes(of: acc0, toByteOffset: 0, as: SIMD8<Float>.self)
            target.storeBytes(of: acc1, toByteOffset: 32, as: SIMD8<Float>.self)
            target.storeBytes(of: acc2, toByteOffset: 64, as: SIMD8<Float>.self)
            target.storeBytes(of: acc3, toByteOffset: 96, as: SIMD8<Float>.self)
        }
        guard tiled < outputs else { return }
        for o in tiled..<outputs { out[o] = b[o] }
        for block in 0..<blocks {
            let source = sources[block]
            for k in 0..<width {
                VectorKernels.addScaled(w + (block * width + k) * outputs + tiled, scale: source[k],
                                        into: out + tiled, count: outputs - tiled)
            }
        }
    }

    /// In place: `z - log(sum(exp(z)))`, shifted by the maximum so that exp cannot overflow.
    private static func logSoftmax(_ z: UnsafeMutablePointer<Float>, count: Int) {
        var top = -Float.infinity
        for o in 0..<count { top = max(top, z[o]) }
        var sum: Float = 0
        for o in 0..<count { sum += exp(z[o] - top) }
        let shift = top + log(sum)
        for o in 0..<count { z[o] -= shift }
    }
}
