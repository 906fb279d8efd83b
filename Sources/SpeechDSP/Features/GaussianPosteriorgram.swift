import Foundation

/// Class posteriors of each frame under Gaussian classes with a shared identity covariance (the model of
/// linear discriminant analysis in its projected space): `p(c | y) ∝ exp((-||y - mu_c||^2 / 2 + log pi_c) / T)`.
/// A phone posteriorgram (Hazen, Shen & White 2009, "Query-by-example spoken term detection using phonetic
/// posteriorgram templates"; Zhang & Glass 2009 for the Gaussian form) compares sounds by which phone they
/// resemble, so voice differences count far less than in a cepstral distance.
///
/// `temperature` T >= 1 softens overconfident posteriors (1 ... 5); `floor` (1e-4 ... 1e-2) is mixed in
/// uniformly so that `-log(p . q)` stays finite. Allocates only the output matrix.
public struct GaussianPosteriorgram: Sendable {
    public let classCount: Int
    public let dimension: Int
    public let temperature: Float
    public let floor: Float
    private let means: [Float]
    private let logPriors: [Float]

    public init(classMeans: [Float], logPriors: [Float], dimension: Int, temperature: Float = 1, floor: Float = 1e-3) {
        precondition(dimension > 0 && !logPriors.isEmpty && classMeans.count == logPriors.count * dimension && temperature > 0,
                     "posteriorgram: \(classMeans.count) mean values for \(logPriors.count) classes x \(dimension)")
        self.classCount = logPriors.count
        self.dimension = dimension
        self.temperature = temperature
        self.floor = floor
        self.means = classMeans
        self.logPriors = logPriors
    }

    public func apply(_ input: FeatureMatrix) -> FeatureMatrix {
        precondition(input.dimension == dimension, "posteriorgram expects \(dimension)-dim frames, got \(input.dimension)")
        let n = input.frameCount, c = classCount, d = dimension
        var out = FeatureMatrix(frameCount: n, dimension: c, hopSeconds: input.hopSeconds)
        let uniform = floor / Float(c), keep = 1 - floor
        input.values.withUnsafeBufferPointer { x in
            means.withUnsafeBufferPointer { mu in
                out.values.withUnsafeMutableBufferPointer { p in
                    for t in 0..<n {
                        let frame = x.baseAddress! + t * d, row = p.baseAddress! + t * c
                        var best = -Float.infinity
                        for k in 0..<c {
                            var sum: Float = 0
                            let m = mu.baseAddress! + k * d
                            for j in 0..<d { let diff = frame[j] - m[j]; sum += diff * diff }
                            let score = (-0.5 * sum + logPriors[k]) / temperature
                            row[k] = score
                            best = max(best, score)
                        }
                        var total: Float = 0
                        for k in 0..<c { row[k] = exp(row[k] - best); total += row[k] }
                        for k in 0..<c { row[k] = keep * row[k] / total + uniform }
                    }
                }
            }
        }
        return out
    }
}
