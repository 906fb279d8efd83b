import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import Testing

/// The matrix-product form of the gaussian densities (SphinxAcousticModel.gaussianLayers) against the textbook
/// formula, straight from the model's means and variances files, on real speech.
@Suite struct SphinxSenoneScorerTests {
    @Test func senoneScoresMatchTheDirectFormula() throws {
        let model = try SphinxAcousticModel.load()
        let folder = SphinxAcousticModel.debianFolder
        let means = try SphinxGaussians.read(path: folder + "/means").values
        let variances = try SphinxGaussians.read(path: folder + "/variances").values.map {
            Double(max($0, SphinxAcousticModel.varianceFloor))
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AudioFixtures/real/goforward.wav")
        let features = try SphinxFeatures().features(of: try AudioDecoder().decode(path: url.path).samples)
        var scorer = SphinxSenoneScorer(model: model)
        let scores = scorer.score(features: features.values, frames: features.frames)
        let streams = model.streamDimensions.count, k = model.densities, total = model.featureDimension
        for t in [0, 7, features.frames / 2, features.frames - 1] {           // the last of a partial block too
            for s in stride(from: 0, to: model.ciSenoneCount, by: 5) {
                let codebook = model.senoneCodebook[s]
                var expected: Double = 0
                var start = 0
                for f in 0..<streams {
                    let dimension = model.streamDimensions[f]
                    var densities: [Double] = []
                    for density in 0..<k {
                        let parameter = codebook * total * k + start * k + density * dimension
                        var value = 0.0
                        for d in 0..<dimension {
                            let variance = variances[parameter + d]
                            let diff = Double(features.values[t * total + start + d] - means[parameter + d])
                            value -= 0.5 * log(2 * Double.pi * variance) + diff * diff / (2 * variance)
                        }
                        densities.append(value)
                    }
                    let top = densities.indices.sorted { densities[$0] > densities[$1] }.prefix(SphinxSenoneScorer.topGaussians)
                    let terms = top.map { Double(model.logWeights[(s * streams + f) * k + $0]) + densities[$0] }
                    let best = terms.max()!
                    expected += best + log(terms.reduce(0) { $0 + exp($1 - best) })
                    start += dimension
                }
                let got = Double(scores[t * model.ciSenoneCount + s])
                #expect(abs(got - expected) < 1e-3 * max(1, abs(expected)), "frame \(t) senone \(s): \(got) vs \(expected)")
            }
        }
    }
}
