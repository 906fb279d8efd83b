/// Word-boundary errors of an alignment against truth, as bench/align counts them: every word start and end;
/// an unplaced word (nil times) counts its two boundaries as misses.
public struct BoundaryErrors: Sendable {
    public private(set) var millisecondsOfPlaced: [Double] = []
    public private(set) var missed = 0

    public init() {}

    public mutating func add(aligned: (start: Double?, end: Double?), truth: (start: Double, end: Double)) {
        guard let start = aligned.start, let end = aligned.end else { missed += 2; return }
        millisecondsOfPlaced += [abs(start - truth.start) * 1000, abs(end - truth.end) * 1000]
    }

    public var medianMilliseconds: Double {
        let sorted = millisecondsOfPlaced.sorted()
        guard !sorted.isEmpty else { return .infinity }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Fraction of all boundaries (misses included) within `milliseconds` of the truth.
    public func fractionWithin(milliseconds: Double) -> Double {
        let total = millisecondsOfPlaced.count + missed
        return total == 0 ? 0 : Double(millisecondsOfPlaced.filter { $0 <= milliseconds }.count) / Double(total)
    }
}
