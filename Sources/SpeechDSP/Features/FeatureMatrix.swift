/// Frame-by-frame feature vectors stored row-major: frame `t` occupies
/// `values[t * dimension ..< (t + 1) * dimension]`. One contiguous array, so alignment reads it without copies.
public struct FeatureMatrix: Sendable, Equatable {
    public private(set) var frameCount: Int
    public let dimension: Int
    public var values: [Float]
    /// Time of frame 0's centre is `0.5 * frameSeconds`; frame `t` starts at `t * hopSeconds`.
    public let hopSeconds: Double

    public init(frameCount: Int, dimension: Int, hopSeconds: Double, values: [Float]? = nil) {
        precondition(frameCount >= 0 && dimension > 0, "feature matrix \(frameCount) x \(dimension)")
        self.frameCount = frameCount
        self.dimension = dimension
        self.hopSeconds = hopSeconds
        if let values {
            precondition(values.count == frameCount * dimension, "values hold \(values.count), need \(frameCount * dimension)")
            self.values = values
        } else {
            self.values = [Float](repeating: 0, count: frameCount * dimension)
        }
    }

    public subscript(frame: Int, coefficient: Int) -> Float {
        get { values[frame * dimension + coefficient] }
        set { values[frame * dimension + coefficient] = newValue }
    }

    /// The rows listed in `frames`, in that order (used to drop silent frames before alignment).
    public func selecting(frames: [Int]) -> FeatureMatrix {
        var out = FeatureMatrix(frameCount: frames.count, dimension: dimension, hopSeconds: hopSeconds)
        values.withUnsafeBufferPointer { source in
            out.values.withUnsafeMutableBufferPointer { target in
                for (row, frame) in frames.enumerated() {
                    let from = frame * dimension, to = row * dimension
                    for k in 0..<dimension { target[to + k] = source[from + k] }
                }
            }
        }
        return out
    }

    /// Concatenates the columns of `self` and `other` (same frame count): e.g. MFCC then deltas.
    public func appendingColumns(of other: FeatureMatrix) -> FeatureMatrix {
        precondition(other.frameCount == frameCount, "frame counts differ: \(frameCount) vs \(other.frameCount)")
        let width = dimension + other.dimension
        var out = FeatureMatrix(frameCount: frameCount, dimension: width, hopSeconds: hopSeconds)
        for t in 0..<frameCount {
            for k in 0..<dimension { out.values[t * width + k] = values[t * dimension + k] }
            for k in 0..<other.dimension { out.values[t * width + dimension + k] = other.values[t * other.dimension + k] }
        }
        return out
    }
}
