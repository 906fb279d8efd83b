/// Regression deltas `d_t = sum_{n=1..N} n (c_{t+n} - c_{t-n}) / (2 sum n^2)` (Furui 1986,
/// "Speaker-independent isolated word recognition using dynamic features of speech spectrum"),
/// with edge frames repeated. `halfWidth` N is 1 ... 4 frames (HTK default 2).
public enum DeltaFeatures {
    public static func deltas(of features: FeatureMatrix, halfWidth: Int = 2) -> FeatureMatrix {
        precondition(halfWidth >= 1, "delta half-width \(halfWidth) frames")
        let frames = features.frameCount, dim = features.dimension
        var out = FeatureMatrix(frameCount: frames, dimension: dim, hopSeconds: features.hopSeconds)
        guard frames > 0 else { return out }
        let norm = Float(2 * (1...halfWidth).reduce(0) { $0 + $1 * $1 })
        features.values.withUnsafeBufferPointer { c in
            out.values.withUnsafeMutableBufferPointer { d in
                for t in 0..<frames {
                    for k in 0..<dim {
                        var sum: Float = 0
                        for n in 1...halfWidth {
                            let ahead = min(frames - 1, t + n), behind = max(0, t - n)
                            sum += Float(n) * (c[ahead * dim + k] - c[behind * dim + k])
                        }
                        d[t * dim + k] = sum / norm
                    }
                }
            }
        }
        return out
    }
}
