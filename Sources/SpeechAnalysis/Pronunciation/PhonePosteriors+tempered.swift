import Foundation

extension PhonePosteriors {
    /// The same frames at temperature `temperature` (> 1 flattens): each frame's log posteriors divided by it and
    /// renormalised, `log softmax(log p / T)`, the temperature scaling of Guo et al. (2017, "On calibration of modern
    /// neural networks", ICML). Goodness and the forced alignment's log ratios shrink by about the factor; the ranking
    /// of classes within a frame does not change.
    public func tempered(by temperature: Float) -> PhonePosteriors {
        precondition(temperature > 0, "temperature must be > 0")
        let c = logPosteriors.dimension
        var scaled = logPosteriors
        scaled.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<scaled.frameCount {
                let row = i * c
                let top = frameMaxima[i] / temperature
                var sum: Float = 0
                for j in 0..<c { sum += expf(v[row + j] / temperature - top) }
                let logSum = top + logf(sum)
                for j in 0..<c { v[row + j] = v[row + j] / temperature - logSum }
            }
        }
        return PhonePosteriors(scaled)
    }
}
