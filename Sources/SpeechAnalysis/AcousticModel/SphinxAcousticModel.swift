import Foundation
import SpeechDSP

/// PocketSphinx's US English acoustic model (Debian `pocketsphinx-en-us`, trained on human read speech), read
/// for its context-independent part: per phone, three emitting HMM states, each a mixture over that phone's
/// codebook of 128 diagonal gaussians in three 13-dimensional streams (cepstra, deltas, double deltas): a
/// phonetically tied mixture model (Huang, Acero & Hon 2001, ch. 9; the model's feat.params says `-model ptm`).
///
/// All arrays are built in `load`; `SphinxSenoneScorer` allocates only its result per recording.
public struct SphinxAcousticModel: Sendable {
    /// Where Debian installs the model.
    public static let debianFolder = "/usr/share/pocketsphinx/model/en-us/en-us"
    /// Variance floor of PocketSphinx (`-varfloor`).
    static let varianceFloor: Float = 0.0001
    /// sendump's 8-bit weights are -log in units of 1024 ln(1.0001) nats (PocketSphinx's `lmath_8b`).
    static let weightUnitNats = 1024 * log(1.0001)

    /// CI phone names, ARPAbet plus SIL and fillers (`+BREATH+`, `+NOISE+`...), in the model's order.
    public let phones: [String]
    /// Dimensions per stream (13, 13, 13) and gaussians per codebook (128).
    public let streamDimensions: [Int]
    public let densities: Int
    /// Per CI phone, its three CI senones.
    let phoneSenones: [[Int]]
    /// Per CI senone (0 ..< n_ci_sen), stream, density: log mixture weight (nats).
    let logWeights: [Float]
    /// Codebook of each CI senone (its phone, in a PTM model).
    let senoneCodebook: [Int]
    /// Per stream, every gaussian's log density as one dense layer over [x^2, x] (`gaussianLayers(...)`).
    let gaussianLayers: [PackedDenseLayer]

    var featureDimension: Int { streamDimensions.reduce(0, +) }
    var ciSenoneCount: Int { senoneCodebook.count }

    /// Reads mdef, means, variances and sendump from `folder`.
    /// - Throws: `AcousticModelError` when a file is missing or not the format PocketSphinx 5prealpha writes.
    public static func load(folder: String = debianFolder) throws(AcousticModelError) -> SphinxAcousticModel {
        guard FileManager.default.fileExists(atPath: folder + "/mdef") else { throw .modelMissing(folder) }
        let definition = try SphinxModelDefinition.read(path: folder + "/mdef")
        let meanFile = try SphinxGaussians.read(path: folder + "/means")
        let varianceFile = try SphinxGaussians.read(path: folder + "/variances")
        guard meanFile.codebooks == definition.phones.count, meanFile.dimensions == varianceFile.dimensions,
              meanFile.densities == varianceFile.densities, meanFile.codebooks == varianceFile.codebooks else {
            throw .modelInvalid(folder + "/means", "shape disagrees with mdef or variances")
        }
        let weights = try SphinxMixtureWeights.read(path: folder + "/sendump", streams: meanFile.dimensions.count,
                                                    densities: meanFile.densities, senones: definition.senoneCount,
                                                    keepingSenones: definition.ciSenoneCount)
        let variances = varianceFile.values.map { max($0, varianceFloor) }
        var logNormalisers: [Float] = []
        logNormalisers.reserveCapacity(meanFile.values.count / meanFile.dimensions[0])
        var offset = 0
        for _ in 0..<meanFile.codebooks {
            for dimension in meanFile.dimensions {
                for _ in 0..<meanFile.densities {
                    var sum: Float = 0
                    for d in 0..<dimension { sum += log(2 * Float.pi * variances[offset + d]) }
                    logNormalisers.append(-0.5 * sum)
                    offset += dimension
                }
            }
        }
        let halfPrecisions = variances.map { 0.5 / $0 }
        return SphinxAcousticModel(phones: definition.phones, streamDimensions: meanFile.dimensions, densities: meanFile.densities,
                                   phoneSenones: definition.ciPhoneSenones, logWeights: weights, senoneCodebook: definition.ciSenoneCodebook,
                                   gaussianLayers: gaussianLayers(means: meanFile.values, halfPrecisions: halfPrecisions,
                                                                  logNormalisers: logNormalisers, codebooks: meanFile.codebooks,
                                                                  dimensions: meanFile.dimensions, densities: meanFile.densities))
    }

    /// log N(x; mu, var) = norm - sum_d p_d (x_d - mu_d)^2 with p = 1 / (2 var), expanded to
    /// (norm - sum p mu^2) + sum_d (-p_d) x_d^2 + sum_d (2 p_d mu_d) x_d: one matrix product per stream over the
    /// inputs [x^2, x], which `DenseBlockKernel.applyEight` runs eight frames at a time (the codebook's gaussians
    /// are outputs).
    static func gaussianLayers(means: [Float], halfPrecisions: [Float], logNormalisers: [Float], codebooks: Int,
                               dimensions: [Int], densities: Int) -> [PackedDenseLayer] {
        let total = dimensions.reduce(0, +)
        return dimensions.indices.map { f in
            let dimension = dimensions[f], outputs = codebooks * densities
            var weights = [Float](repeating: 0, count: 2 * dimension * outputs), bias = [Float](repeating: 0, count: outputs)
            let streamOffset = dimensions[..<f].reduce(0, +) * densities
            for c in 0..<codebooks {
                for k in 0..<densities {
                    let o = c * densities + k
                    let parameter = c * total * densities + streamOffset + k * dimension
                    var constant = logNormalisers[(c * dimensions.count + f) * densities + k]
                    for d in 0..<dimension {
                        let p = halfPrecisions[parameter + d], mu = means[parameter + d]
                        weights[d * outputs + o] = -p
                        weights[(dimension + d) * outputs + o] = 2 * p * mu
                        constant -= p * mu * mu
                    }
                    bias[o] = constant
                }
            }
            return PackedDenseLayer(inputs: 2 * dimension, outputs: outputs, rowMajorWeights: weights, bias: bias)
        }
    }
}
