import Foundation
import SpeechDSP
import Testing

/// The dense-layer block kernel against the formula, and its AVX2 and Swift variants against each other.
@Suite struct DenseBlockKernelTests {
    static func values(_ count: Int, seed: Double) -> [Float] {
        (0..<count).map { index -> Float in
            let scale = 1 + Double(index % 3)
            return Float(sin(Double(index) * 0.61 + seed) * scale)
        }
    }

    /// Output counts below one tile, at one, and with one, two or three tiles plus a tail (the AVX2 kernel runs
    /// two tiles at a time, then single tiles).
    @Test(arguments: [(5, 3), (23, 8), (23, 16), (31, 37), (9, 52)])
    func bothKernelsComputeTheAffineMapAndAgreeToTheBit(inputs: Int, outputs: Int) {
        let weights = Self.values(inputs * outputs, seed: 0.3), bias = Self.values(outputs, seed: 1.9)
        let layer = PackedDenseLayer(inputs: inputs, outputs: outputs, rowMajorWeights: weights, bias: bias)
        #expect(layer.paddedOutputs % DenseBlockKernel.tileWidth == 0 && layer.paddedOutputs >= outputs)
        let stride = inputs + 3   // rows of the source are not packed tightly in the classifier either
        let source = Self.values(DenseBlockKernel.framesPerBlock * stride, seed: 4.2)
        var fast = [Float](repeating: .nan, count: 4 * layer.paddedOutputs), portable = fast
        source.withUnsafeBufferPointer { x in
            fast.withUnsafeMutableBufferPointer { DenseBlockKernel.apply(layer, source: x.baseAddress!, stride: stride, into: $0.baseAddress!) }
            portable.withUnsafeMutableBufferPointer {
                DenseBlockKernel.apply(layer, source: x.baseAddress!, stride: stride, into: $0.baseAddress!, portable: true)
            }
        }
        #expect(fast == portable, "AVX2 in use: \(DenseBlockKernel.usesAVX2)")
        for f in 0..<4 {
            for o in 0..<layer.paddedOutputs {
                var expected = o < outputs ? Double(bias[o]) : 0
                if o < outputs { for k in 0..<inputs { expected += Double(source[f * stride + k]) * Double(weights[k * outputs + o]) } }
                #expect(abs(Double(portable[f * layer.paddedOutputs + o]) - expected) < 1e-4, "frame \(f) output \(o)")
            }
        }
    }

    /// The eight-frame kernel gives the bits of two four-frame calls, in both variants.
    @Test(arguments: [(5, 3), (26, 40), (9, 52)])
    func eightFramesEqualTwoBlocksOfFour(inputs: Int, outputs: Int) {
        let layer = PackedDenseLayer(inputs: inputs, outputs: outputs, rowMajorWeights: Self.values(inputs * outputs, seed: 0.7),
                                     bias: Self.values(outputs, seed: 2.3))
        let stride = inputs + 1, padded = layer.paddedOutputs
        let source = Self.values(8 * stride, seed: 5.1)
        var four = [Float](repeating: .nan, count: 8 * padded)
        source.withUnsafeBufferPointer { x in
            four.withUnsafeMutableBufferPointer {
                DenseBlockKernel.apply(layer, source: x.baseAddress!, stride: stride, into: $0.baseAddress!)
                DenseBlockKernel.apply(layer, source: x.baseAddress! + 4 * stride, stride: stride, into: $0.baseAddress! + 4 * padded)
            }
        }
        for portable in [false, true] {
            var eight = [Float](repeating: .nan, count: 8 * padded)
            source.withUnsafeBufferPointer { x in
                eight.withUnsafeMutableBufferPointer {
                    DenseBlockKernel.applyEight(layer, source: x.baseAddress!, stride: stride, into: $0.baseAddress!, portable: portable)
                }
            }
            #expect(eight == four, "portable \(portable), AVX2 in use: \(DenseBlockKernel.usesAVX2)")
        }
    }
}
