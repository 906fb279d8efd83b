import CVectorKernels

/// One dense layer (`y = b + W^T x`) applied to four frames at once over weights packed tile by tile: the
/// matrix product of a small frame classifier (`PhoneClassifier`).
///
/// Frame by frame, a 273 x 128 layer streams its 140 KB of weights from L2 once per frame and that bounds the
/// speed; four frames per pass load each weight once for four frames. `tileWidth` outputs of one input are
/// contiguous in `PackedDenseLayer.weights`, so a tile's weights are one sequential stream. On CPUs with AVX2 the
/// C kernel (`vk_dense_block4_avx2`) runs the same sums eight lanes wide; both kernels add the products in input
/// order with separate multiplies and adds, so their results are identical to the bit.
public enum DenseBlockKernel {
    public static let framesPerBlock = 4
    public static let tileWidth = 8
    /// Whether `apply` uses the AVX2 kernel on this CPU (decided once, from cpuid).
    public static let usesAVX2 = vk_dense_block4_avx2_available() != 0

    /// `out[f * paddedOutputs + o] = bias[o] + sum_k source[f * stride + k] * W[k, o]` for the four frames
    /// `f` and all `paddedOutputs` of `layer` (padding outputs give 0).
    /// - Parameter portable: `true` forces the Swift kernel (tests compare the two).
    @inline(__always)
    public static func apply(_ layer: PackedDenseLayer, source: UnsafePointer<Float>, stride rowStride: Int,
                             into out: UnsafeMutablePointer<Float>, portable: Bool = false) {
        let n = layer.inputs, padded = layer.paddedOutputs
        if usesAVX2 && !portable {
            vk_dense_block4_avx2(source, rowStride, n, layer.weights, layer.bias, out, padded)
            return
        }
        let x0 = source, x1 = source + rowStride, x2 = source + 2 * rowStride, x3 = source + 3 * rowStride
        for tile in Swift.stride(from: 0, to: padded, by: tileWidth) {
            let weights = UnsafeRawPointer(layer.weights + tile * n)
            let bias = UnsafeRawPointer(layer.bias + tile).loadUnaligned(as: SIMD8<Float>.self)
            var a0 = bias, a1 = bias, a2 = bias, a3 = bias
            for k in 0..<n {
                let w = weights.loadUnaligned(fromByteOffset: 32 * k, as: SIMD8<Float>.self)
                a0 += SIMD8(repeating: x0[k]) * w
                a1 += SIMD8(repeating: x1[k]) * w
                a2 += SIMD8(repeating: x2[k]) * w
                a3 += SIMD8(repeating: x3[k]) * w
            }
            let target = UnsafeMutableRawPointer(out + tile)
            target.storeBytes(of: a0, toByteOffset: 0, as: SIMD8<Float>.self)
            target.storeBytes(of: a1, toByteOffset: 4 * padded, as: SIMD8<Float>.self)
            target.storeBytes(of: a2, toByteOffset: 8 * padded, as: SIMD8<Float>.self)
            target.storeBytes(of: a3, toByteOffset: 12 * padded, as: SIMD8<Float>.self)
        }
    }

    /// `apply` for eight frames (`source` rows 0 ..< 8, `out` rows 0 ..< 8), the same bits as two `apply` calls.
    /// For layers too large to stay in L2 between blocks (its AVX2 kernel loads each weight once for eight frames).
    @inline(__always)
    public static func applyEight(_ layer: PackedDenseLayer, source: UnsafePointer<Float>, stride rowStride: Int,
                                  into out: UnsafeMutablePointer<Float>, portable: Bool = false) {
        if usesAVX2 && !portable {
            vk_dense_block8_avx2(source, rowStride, layer.inputs, layer.weights, layer.bias, out, layer.paddedOutputs)
            return
        }
        apply(layer, source: source, stride: rowStride, into: out, portable: true)
        apply(layer, source: source + 4 * rowStride, stride: rowStride, into: out + 4 * layer.paddedOutputs, portable: true)
    }
}

/// The weights of one dense layer laid out for `DenseBlockKernel`: `[output tile][input][tileWidth]`, outputs
/// padded to whole tiles with zero weights and bias. Owns its memory; immutable after `init`.
public final class PackedDenseLayer: @unchecked Sendable {
    public let inputs: Int, outputs: Int, paddedOutputs: Int
    let weights: UnsafeMutablePointer<Float>
    let bias: UnsafeMutablePointer<Float>

    /// - Parameters:
    ///   - rowMajorWeights: `inputs x outputs`, the weight from input `i` to output `o` at `i * outputs + o`.
    ///   - bias: `outputs` values.
    public init(inputs: Int, outputs: Int, rowMajorWeights: [Float], bias: [Float]) {
        precondition(inputs > 0 && outputs > 0 && rowMajorWeights.count == inputs * outputs && bias.count == outputs,
                     "dense layer \(inputs) x \(outputs) needs \(inputs * outputs) weights and \(outputs) biases")
        let tile = DenseBlockKernel.tileWidth
        self.inputs = inputs
        self.outputs = outputs
        paddedOutputs = (outputs + tile - 1) / tile * tile
        weights = .allocate(capacity: paddedOutputs * inputs)
        weights.initialize(repeating: 0, count: paddedOutputs * inputs)
        for i in 0..<inputs {
            for o in 0..<outputs { weights[(o / tile * inputs + i) * tile + o % tile] = rowMajorWeights[i * outputs + o] }
        }
        self.bias = .allocate(capacity: paddedOutputs)
        self.bias.initialize(repeating: 0, count: paddedOutputs)
        self.bias.update(from: bias, count: outputs)
    }

    deinit {
        weights.deallocate()
        bias.deallocate()
    }
}
