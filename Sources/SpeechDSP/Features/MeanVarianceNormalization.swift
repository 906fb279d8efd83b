/// Per-utterance cepstral mean and variance normalisation (CMVN; Viikki & Laurila 1998, "Cepstral domain
/// segmental feature vector normalization for noise robust speech recognition").
///
/// Statistics come from the frames in `statisticsFrames` (typically the speech frames, so the amount of
/// leading/trailing silence does not move the mean); every frame is then normalised to zero mean, unit
/// variance per coefficient. A coefficient with (near) zero variance is only mean-subtracted.
public enum MeanVarianceNormalization {
    public static func normalize(_ features: inout FeatureMatrix, statisticsFrames: [Int]? = nil,
                                 normalizeVariance: Bool = true) {
        let dim = features.dimension, frames = features.frameCount
        let rows = statisticsFrames ?? Array(0..<frames)
        guard !rows.isEmpty else { return }
        var mean = [Double](repeating: 0, count: dim), square = [Double](repeating: 0, count: dim)
        for t in rows {
            for k in 0..<dim {
                let x = Double(features.values[t * dim + k])
                mean[k] += x
                square[k] += x * x
            }
        }
        let count = Double(rows.count)
        var scale = [Float](repeating: 1, count: dim), shift = [Float](repeating: 0, count: dim)
        for k in 0..<dim {
            let m = mean[k] / count
            let variance = max(0, square[k] / count - m * m)
            shift[k] = Float(m)
            if normalizeVariance && variance > 1e-8 { scale[k] = Float(1 / variance.squareRoot()) }
        }
        features.values.withUnsafeMutableBufferPointer { v in
            for t in 0..<frames {
                for k in 0..<dim { v[t * dim + k] = (v[t * dim + k] - shift[k]) * scale[k] }
            }
        }
    }
}
