import Foundation
import SpeechDSP

/// Frame phone log posteriors from a `PhoneModel`: the frame classifier of hybrid connectionist speech
/// recognition (Bourlard & Morgan 1994, "Connectionist Speech Recognition: A Hybrid Approach") at a small scale,
/// its output read by `GoodnessOfPronunciation`.
///
/// Runs on every learner speech frame, so it is the largest single cost of scoring against references: frames
/// go through the layers four at a time (`DenseBlockKernel`), each weight loaded once per four frames. A frame's
/// output does not depend on which block it falls in.
///
/// The packed weights, stacked inputs and activations are allocated in `init`; `logPosteriors(of:)` allocates only
/// the output matrix. One per worker, not thread-safe.
public final class PhoneClassifier {
    public let model: PhoneModel
    public var classCount: Int { model.classLabels.count }

    private let layers: [PackedDenseLayer]
    private let reluAfter: [Bool]
    /// Each layer's output for one block: `framesPerBlock` rows of its `paddedOutputs`.
    private let activations: [UnsafeMutablePointer<Float>]
    /// The block's frames with their neighbours stacked: `framesPerBlock` rows of `model.inputDimension`.
    private let stacked: UnsafeMutablePointer<Float>
    private let portable: Bool

    /// - Parameter portableKernel: `true` forces the Swift kernel even where AVX2 is available (tests compare them).
    public init(model: PhoneModel, portableKernel: Bool = false) {
        self.model = model
        portable = portableKernel
        let block = DenseBlockKernel.framesPerBlock
        layers = model.layers.map {
            PackedDenseLayer(inputs: $0.inputs, outputs: $0.outputs, rowMajorWeights: $0.weights, bias: $0.bias)
        }
        reluAfter = model.layers.map { $0.activation == "relu" }
        activations = layers.map { layer in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: block * layer.paddedOutputs)
            buffer.initialize(repeating: 0, count: block * layer.paddedOutputs)
            return buffer
        }
        stacked = .allocate(capacity: block * model.inputDimension)
        stacked.initialize(repeating: 0, count: block * model.inputDimension)
    }

    deinit {
        for buffer in activations { buffer.deallocate() }
        stacked.deallocate()
    }

    /// Log posteriors (natural log, each row sums to 1 in probability) of every row of `input`, whose rows must
    /// have `model.frameDimension` values (the frames the model was trained on); edges repeat the first/last row.
    public func logPosteriors(of input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == model.frameDimension, "phone model reads \(model.frameDimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, d = input.dimension, context = model.contextFrames, classes = classCount
        let width = model.inputDimension, block = DenseBlockKernel.framesPerBlock
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
                    for (l, layer) in layers.enumerated() {
                        let out = activations[l]
                        DenseBlockKernel.apply(layer, source: source, stride: sourceStride, into: out, portable: portable)
                        if reluAfter[l] {
                            for i in 0..<(block * layer.paddedOutputs) { out[i] = max(0, out[i]) }
                        }
                        source = UnsafePointer(out); sourceStride = layer.paddedOutputs
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
