import Foundation
import SpeechDSP

/// Log-likelihoods of the model's context-independent senones per frame (nats): for senone s of phone p, the sum
/// over streams of log sum_k w[s,f,k] N(x_f; mu[p,f,k], var[p,f,k]), the inner sum over the `topGaussians` best
/// gaussians of the codebook stream in that frame, as PocketSphinx does (`-topn 4`; the other 124 add almost
/// nothing to a mixture whose best terms are tens of nats above them). Every gaussian's density comes from one
/// matrix product per stream, eight frames at a time (`SphinxAcousticModel.gaussianLayers`).
/// Scratch space is made in `init`; `score` allocates only its result.
public struct SphinxSenoneScorer {
    public static let topGaussians = 4   // `MixtureKernels.selectTopFour` keeps exactly four
    static let block = 8   // `DenseBlockKernel.applyEight`
    public let model: SphinxAcousticModel
    private var inputs: [Float]      // block x (2 x stream dimension): [x^2, x] of eight frames
    private var densities: [Float]   // block x padded outputs of one stream's layer
    private var topIndex: [Int32]    // block x stream x codebook x topGaussians
    private var topValue: [Float]
    /// The mixture sums run over whole blocks in one kernel call: `columns` = block x stream x `paddedSenones`
    /// (a multiple of eight, the AVX2 kernel's width; padding columns hold zeros whose sums nobody reads).
    private let paddedSenones: Int, columns: Int
    private var terms: [Float]       // topGaussians x columns: log weight + log density of each of the best four
    private var mixtures: [Float]    // columns: log of each senone's mixture in each stream

    public init(model: SphinxAcousticModel) {
        self.model = model
        let groups = model.phones.count * model.streamDimensions.count
        inputs = [Float](repeating: 0, count: Self.block * 2 * (model.streamDimensions.max() ?? 0))
        densities = [Float](repeating: 0, count: Self.block * (model.gaussianLayers.map(\.paddedOutputs).max() ?? 0))
        topIndex = [Int32](repeating: 0, count: Self.block * groups * Self.topGaussians)
        topValue = [Float](repeating: 0, count: Self.block * groups * Self.topGaussians)
        paddedSenones = (model.ciSenoneCount + 7) / 8 * 8
        columns = Self.block * model.streamDimensions.count * paddedSenones
        terms = [Float](repeating: 0, count: Self.topGaussians * columns)
        mixtures = [Float](repeating: 0, count: columns)
    }

    /// `frames x ciSenones` log-likelihoods of `features` (`frames x 39`, from `SphinxFeatures`).
    public mutating func score(features: [Float], frames: Int) -> [Float] {
        let senones = model.ciSenoneCount, streams = model.streamDimensions.count, k = model.densities
        let n = Self.topGaussians, codebooks = model.phones.count, padded = paddedSenones, columns = columns
        var out = [Float](repeating: 0, count: frames * senones)
        for first in stride(from: 0, to: frames, by: Self.block) {
            selectGaussians(features, firstFrame: first, frames: frames)
            topIndex.withUnsafeBufferPointer { index in
                topValue.withUnsafeBufferPointer { value in
                    model.logWeights.withUnsafeBufferPointer { weights in
                        model.senoneCodebook.withUnsafeBufferPointer { codebookOf in
                            terms.withUnsafeMutableBufferPointer { terms in
                                for row in 0..<Self.block * streams {   // row = frame of the block x stream
                                    let f = row % streams
                                    for s in 0..<senones {
                                        let w = (s * streams + f) * k, g = (row * codebooks + codebookOf[s]) * n
                                        for j in 0..<n {
                                            terms[j * columns + row * padded + s] = weights[w + Int(index[g + j])] + value[g + j]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            terms.withUnsafeBufferPointer { terms in
                mixtures.withUnsafeMutableBufferPointer {
                    MixtureKernels.logSumExpOfFour(terms.baseAddress!, count: columns, into: $0.baseAddress!)
                }
            }
            mixtures.withUnsafeBufferPointer { mixtures in
                out.withUnsafeMutableBufferPointer { out in
                    for b in 0..<min(Self.block, frames - first) {
                        for s in 0..<senones {
                            var total: Float = 0
                            for f in 0..<streams { total += mixtures[(b * streams + f) * padded + s] }
                            out[(first + b) * senones + s] = total
                        }
                    }
                }
            }
        }
        return out
    }

    /// For frames `firstFrame ..< firstFrame + block` (the last repeated past the end): every gaussian's log density,
    /// then the best `topGaussians` of each codebook stream.
    private mutating func selectGaussians(_ features: [Float], firstFrame: Int, frames: Int) {
        let streams = model.streamDimensions.count, k = model.densities, n = Self.topGaussians
        let total = model.featureDimension
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
                    DenseBlockKernel.applyEight(layer, source: source.baseAddress!, stride: 2 * dimension, into: target.baseAddress!)
                }
            }
            let codebooks = model.phones.count, padded = layer.paddedOutputs
            densities.withUnsafeBufferPointer { dens in
                topIndex.withUnsafeMutableBufferPointer { index in
                    topValue.withUnsafeMutableBufferPointer { value in
                        for b in 0..<Self.block {
                            let group = (b * streams + f) * codebooks * n
                            MixtureKernels.selectTopFour(dens.baseAddress! + b * padded, count: k, groups: codebooks,
                                                         top: value.baseAddress! + group, indices: index.baseAddress! + group)
                        }
                    }
                }
            }
            streamStart += dimension
        }
    }
}
