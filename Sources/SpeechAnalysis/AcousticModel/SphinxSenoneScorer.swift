import Foundation
import SpeechDSP

/// Log-likelihoods of the model's context-independent senones per frame (nats): for senone s of phone p, the sum
/// over streams of log sum_k w[s,f,k] N(x_f; mu[p,f,k], var[p,f,k]), the inner sum over the `topGaussians` best
/// gaussians of the codebook stream in that frame, as PocketSphinx does (`-topn 4`; the other 124 add almost
/// nothing to a mixture whose best terms are tens of nats above them). Every gaussian's density comes from one
/// matrix product per stream, four frames at a time (`SphinxAcousticModel.gaussianLayers`).
/// Scratch space is made in `init`; `score` allocates only its result.
public struct SphinxSenoneScorer {
    public static let topGaussians = 4   // `selectTop` keeps exactly four
    static let block = DenseBlockKernel.framesPerBlock
    public let model: SphinxAcousticModel
    private var inputs: [Float]      // block x (2 x stream dimension): [x^2, x] of four frames
    private var densities: [Float]   // block x padded outputs of one stream's layer
    private var topIndex: [Int32]    // block x codebook x stream x topGaussians
    private var topValue: [Float]

    public init(model: SphinxAcousticModel) {
        self.model = model
        let groups = model.phones.count * model.streamDimensions.count
        inputs = [Float](repeating: 0, count: Self.block * 2 * (model.streamDimensions.max() ?? 0))
        densities = [Float](repeating: 0, count: Self.block * (model.gaussianLayers.map(\.paddedOutputs).max() ?? 0))
        topIndex = [Int32](repeating: 0, count: Self.block * groups * Self.topGaussians)
        topValue = [Float](repeating: 0, count: Self.block * groups * Self.topGaussians)
    }

    /// `frames x ciSenones` log-likelihoods of `features` (`frames x 39`, from `SphinxFeatures`).
    public mutating func score(features: [Float], frames: Int) -> [Float] {
        let senones = model.ciSenoneCount, streams = model.streamDimensions.count, k = model.densities
        let n = Self.topGaussians, groups = model.phones.count * streams
        var out = [Float](repeating: 0, count: frames * senones)
        for first in stride(from: 0, to: frames, by: Self.block) {
            selectGaussians(features, firstFrame: first, frames: frames)
            topIndex.withUnsafeBufferPointer { index in
                topValue.withUnsafeBufferPointer { value in
                    model.logWeights.withUnsafeBufferPointer { weights in
                        for b in 0..<min(Self.block, frames - first) {
                            let t = first + b
                            for s in 0..<senones {
                                let codebook = model.senoneCodebook[s]
                                var total: Float = 0
                                for f in 0..<streams {
                                    let w = (s * streams + f) * k, g = (b * groups + codebook * streams + f) * n
                                    var best = -Float.infinity
                                    for j in 0..<n { best = max(best, weights[w + Int(index[g + j])] + value[g + j]) }
                                    var sum: Float = 0
                                    for j in 0..<n { sum += expf(weights[w + Int(index[g + j])] + value[g + j] - best) }
                                    total += best + logf(sum)
                                }
                                out[t * senones + s] = total
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The `topGaussians` largest of `count` values (best first) and their indices, kept in registers.
    @inline(__always)
    private static func selectTop(_ source: UnsafePointer<Float>, count: Int, values: UnsafeMutablePointer<Float>,
                                  indices: UnsafeMutablePointer<Int32>) {
        var v0 = -Float.infinity, v1 = v0, v2 = v0, v3 = v0
        var i0: Int32 = 0, i1: Int32 = 0, i2: Int32 = 0, i3: Int32 = 0
        for density in 0..<count {
            let v = source[density]
            guard v > v3 else { continue }
            let d = Int32(density)
            if v > v1 {
                v3 = v2; i3 = i2; v2 = v1; i2 = i1
                if v > v0 { v1 = v0; i1 = i0; v0 = v; i0 = d } else { v1 = v; i1 = d }
            } else if v > v2 {
                v3 = v2; i3 = i2; v2 = v; i2 = d
            } else {
                v3 = v; i3 = d
            }
        }
        values[0] = v0; values[1] = v1; values[2] = v2; values[3] = v3
        indices[0] = i0; indices[1] = i1; indices[2] = i2; indices[3] = i3
    }

    /// For frames `firstFrame ..< firstFrame + 4` (the last repeated past the end): every gaussian's log density,
    /// then the best `topGaussians` of each codebook stream.
    private mutating func selectGaussians(_ features: [Float], firstFrame: Int, frames: Int) {
        let streams = model.streamDimensions.count, k = model.densities, n = Self.topGaussians
        let groups = model.phones.count * streams, total = model.featureDimension
        var streamStart = 0
        for f in 0..<streams {
            let dimension = model.streamDimensions[f], layer = model.gaussianLayers[f]
            for b in 0..<Self.block {
                let row = min(firstFrame + b, frames - 1) * total + streamStart
                for d in 0..<dimension {
                    let x = features[row + d]
                    inputs[b * 2 * dimension + d] = x * x
                    inputs[b * 2 * dimension + dimension + d] = x
                }
            }
            inputs.withUnsafeBufferPointer { source in
                densities.withUnsafeMutableBufferPointer { target in
                    DenseBlockKernel.apply(layer, source: source.baseAddress!, stride: 2 * dimension, into: target.baseAddress!)
                }
            }
            let codebooks = model.phones.count, padded = layer.paddedOutputs
            densities.withUnsafeBufferPointer { dens in
                topIndex.withUnsafeMutableBufferPointer { index in
                    topValue.withUnsafeMutableBufferPointer { value in
                        for b in 0..<Self.block {
                            for codebook in 0..<codebooks {
                                Self.selectTop(dens.baseAddress! + b * padded + codebook * k, count: k,
                                               values: value.baseAddress! + (b * groups + codebook * streams + f) * n,
                                               indices: index.baseAddress! + (b * groups + codebook * streams + f) * n)
                            }
                        }
                    }
                }
            }
            streamStart += dimension
        }
    }
}
