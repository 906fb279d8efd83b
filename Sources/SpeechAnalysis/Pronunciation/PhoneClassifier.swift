import Foundation
import SpeechDSP

/// Frame phone log posteriors from a `PhoneModel`: the frame classifier of hybrid connectionist speech
/// recognition (Bourlard & Morgan 1994, "Connectionist Speech Recognition: A Hybrid Approach") at a small scale,
/// its output read by `GoodnessOfPronunciation`.
///
/// Runs on every learner speech frame, so it is the largest single cost of scoring against references. The
/// products are computed for `framesPerBlock` frames at once, `tileWidth` outputs at a time, over weights repacked
/// in `init` so that each tile's weights are contiguous: every weight loaded serves four frames instead of one.
/// Frame by frame, the first layer's 140 KB of weights streamed from L2 for each frame and bounded the speed.
/// The sums run in the same order as the textbook loop (bias, then inputs in order), so the output does not
/// depend on how frames fall into blocks.
///
/// All weights, the stacked inputs and activations are allocated in `init`; `logPosteriors(of:)` allocates only
/// the output matrix. One per worker, not thread-safe.
public final class PhoneClassifier {
    public let model: PhoneModel
    public var classCount: Int { model.classLabels.count }

    static let framesPerBlock = 4
    static let tileWidth = 8

    /// One layer: weights as `[tile][input][tileWidth]` with outputs padded to whole tiles (zero weights and bias),
    /// and its activations for one block of frames (`framesPerBlock` rows of `paddedOutputs`).
    private struct Dense {
        let inputs: Int, outputs: Int, paddedOutputs: Int, relu: Bool
        let packedWeights: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>
        let activations: UnsafeMutablePointer<Float>
    }
    private let layers: [Dense]
    /// The block's frames with their neighbours stacked: `framesPerBlock` rows of `model.inputDimension`.
    private let stacked: UnsafeMutablePointer<Float>

    public init(model: PhoneModel) {
        self.model = model
        let tile = Self.tileWidth, block = Self.framesPerBlock
        layers = model.layers.map { layer in
            let padded = (layer.outputs + tile - 1) / tile * tile
            let packed = UnsafeMutablePointer<Float>.allocate(capacity: padded * layer.inputs)
            packed.initialize(repeating: 0, count: padded * layer.inputs)
            for o in 0..<layer.outputs {
                for i in 0..<layer.inputs {
                    packed[(o / tile * layer.inputs + i) * tile + o % tile] = layer.weights[i * layer.outputs + o]
                }
            }
            let bias = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            bias.initialize(repeating: 0, count: padded)
            bias.update(from: layer.bias, count: layer.outputs)
            let activations = UnsafeMutablePointer<Float>.allocate(capacity: block * padded)
            activations.initialize(repeating: 0, count: block * padded)
            return Dense(inputs: layer.inputs, outputs: layer.outputs, paddedOutputs: padded,
                         relu: layer.activation == "relu", packedWeights: packed, bias: bias, activations: activations)
        }
        stacked = .allocate(capacity: block * model.inputDimension)
        stacked.initialize(repeating: 0, count: block * model.inputDimension)
    }

    deinit {
        for layer in layers {
            layer.packedWeights.deallocate(); layer.bias.deallocate(); layer.activations.deallocate()
        }
        stacked.deallocate()
    }

    /// Log posteriors (natural log, each row sums to 1 in probability) of every row of `input`, whose rows must
    /// have `model.frameDimension` values (the frames the model was trained on); edges repeat the first/last row.
    public func logPosteriors(of input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == model.frameDimension, "phone model reads \(model.frameDimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, d = input.dimension, context = model.contextFrames, classes = classCount
        let width = model.inputDimension, block = Self.framesPerBlock
        var result = FeatureMatrix(frameCount: n, dimension: classes, hopSeconds: input.hopSeconds)
        guard n > 0 else { return result }
        input.values.withUnsafeBufferPointer { x in
            result.values.withUnsafeMutableBufferPointer { y in
                for first in stride(from: 0, to: n, by: block) {
                    // A short last block repeats its last frame; only the real frames are written out.
                    for f in 0..<block {
                        let t = min(n - 1, first + f)
                        for c in -context...context {
                            (stacked + f * width + (c + context) * d)
                                .update(from: x.baseAddress! + min(n - 1, max(0, t + c)) * d, count: d)
                        }
                    }
                    var source = UnsafePointer(stacked), sourceStride = width
                    for layer in layers {
                        Self.affine(source, stride: sourceStride, layer: layer)
                        if layer.relu {
                            for i in 0..<(block * layer.paddedOutputs) { layer.activations[i] = max(0, layer.activations[i]) }
                        }
                        source = UnsafePointer(layer.activations); sourceStride = layer.paddedOutputs
                    }
                    for f in 0..<min(block, n - first) {
                        let row = y.baseAddress! + (first + f) * classes
                        row.update(from: source + f * sourceStride, count: classes)
                        Self.logSoftmax(row, count: classes)
                    }
                }
            }
        }
        return result
    }

    /// `activations[f] = bias + W^T x[f]` for the block's frames `x[f] = source + f * stride`, one tile of
    /// outputs at a time, the frames' accumulators in registers.
    @inline(__always)
    private static func affine(_ source: UnsafePointer<Float>, stride rowStride: Int, layer: Dense) {
        let n = layer.inputs, padded = layer.paddedOutputs
        let x0 = source, x1 = source + rowStride, x2 = source + 2 * rowStride, x3 = source + 3 * rowStride
        for tile in Swift.stride(from: 0, to: padded, by: tileWidth) {
            let weights = UnsafeRawPointer(layer.packedWeights + tile * n)
            let bias = UnsafeRawPointer(layer.bias + tile).loadUnaligned(as: SIMD8<Float>.self)
            var a0 = bias, a1 = bias, a2 = bias, a3 = bias
            for k in 0..<n {
                let w = weights.loadUnaligned(fromByteOffset: 32 * k, as: SIMD8<Float>.self)
                a0 += SIMD8(repeating: x0[k]) * w
                a1 += SIMD8(repeating: x1[k]) * w
                a2 += SIMD8(repeating: x2[k]) * w
                a3 += SIMD8(repeating: x3[k]) * w
            }
            let out = UnsafeMutableRawPointer(layer.activations + tile)
            out.storeBytes(of: a0, toByteOffset: 0, as: SIMD8<Float>.self)
            out.storeBytes(of: a1, toByteOffset: 4 * padded, as: SIMD8<Float>.self)
            out.storeBytes(of: a2, toByteOffset: 8 * padded, as: SIMD8<Float>.self)
            out.storeBytes(of: a3, toByteOffset: 12 * padded, as: SIMD8<Float>.self)
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
