import Foundation

/// Log-likelihoods of the model's context-independent senones per frame (nats): for senone s of phone p,
/// sum over streams of log sum_k w[s,f,k] N(x_f; mu[p,f,k], var[p,f,k]), computed over all 128 gaussians
/// (PocketSphinx keeps the top 4 per stream for speed; the full sum is exact and still fast here).
/// Scratch space is made in `init`; `score` allocates only its result.
public struct SphinxSenoneScorer {
    public let model: SphinxAcousticModel
    private var densities: [Float]   // codebook x stream x density, for the current frame

    public init(model: SphinxAcousticModel) {
        self.model = model
        densities = [Float](repeating: 0, count: model.phones.count * model.streamDimensions.count * model.densities)
    }

    /// `frames x ciSenones` log-likelihoods of `features` (`frames x 39`, from `SphinxFeatures`).
    public mutating func score(features: [Float], frames: Int) -> [Float] {
        let senones = model.ciSenoneCount, streams = model.streamDimensions.count, k = model.densities
        let dimension = model.featureDimension
        var out = [Float](repeating: 0, count: frames * senones)
        for t in 0..<frames {
            frameDensities(features, at: t * dimension)
            densities.withUnsafeBufferPointer { dens in
                model.logWeights.withUnsafeBufferPointer { weights in
                    for s in 0..<senones {
                        let codebook = model.senoneCodebook[s]
                        var total: Float = 0
                        for f in 0..<streams {
                            let w = (s * streams + f) * k, d = (codebook * streams + f) * k
                            var best = -Float.infinity
                            for j in 0..<k { best = max(best, weights[w + j] + dens[d + j]) }
                            var sum: Float = 0
                            for j in 0..<k { sum += expf(weights[w + j] + dens[d + j] - best) }
                            total += best + logf(sum)
                        }
                        out[t * senones + s] = total
                    }
                }
            }
        }
        return out
    }

    private mutating func frameDensities(_ features: [Float], at start: Int) {
        let streams = model.streamDimensions.count, k = model.densities
        features.withUnsafeBufferPointer { x in
            model.means.withUnsafeBufferPointer { means in
                model.halfPrecisions.withUnsafeBufferPointer { precisions in
                    model.logNormalisers.withUnsafeBufferPointer { norms in
                        densities.withUnsafeMutableBufferPointer { out in
                            var parameter = 0, gaussian = 0
                            for _ in 0..<model.phones.count {
                                var streamStart = start
                                for f in 0..<streams {
                                    let dimension = model.streamDimensions[f]
                                    for _ in 0..<k {
                                        var sum: Float = 0
                                        for d in 0..<dimension {
                                            let diff = x[streamStart + d] - means[parameter + d]
                                            sum += diff * diff * precisions[parameter + d]
                                        }
                                        out[gaussian] = norms[gaussian] - sum
                                        parameter += dimension
                                        gaussian += 1
                                    }
                                    streamStart += dimension
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
