import SpeechDSP

/// What one alignment path says about one reference unit.
public struct UnitMatch: Sendable, Equatable {
    /// Mean over the unit's reference rows of the mean local distance of the path cells on that row.
    public var meanDistance: Double
    /// Largest mean over `peakWindowFrames` consecutive reference rows (a wrong phone inside a word).
    public var peakDistance: Double
    /// First and last learner row mapped to the unit.
    public var learnerRows: ClosedRange<Int>
    /// Learner rows per reference row, relative to the whole utterance's ratio (1 = same pace; ~0 = collapsed).
    public var relativeDuration: Double
}

/// Projects reference units through an alignment path (query = learner, template = reference).
public enum PathWordStatistics {
    /// - Parameter rowSpread: per reference row, the typical distance of other correct speakers there
    ///   (`ReferenceSet.rowSpread`); each row's distance is divided by it before averaging. `nil` = raw distances.
    /// Mean local distance per template row (rows the path never visits get the nearest visited value).
    public static func rowDistances(path: AlignmentPath, referenceRowCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: referenceRowCount), count = [Int](repeating: 0, count: referenceRowCount)
        for k in 0..<path.count {
            sum[Int(path.templateFrames[k])] += Double(path.localDistances[k])
            count[Int(path.templateFrames[k])] += 1
        }
        var out = [Double](repeating: 0, count: referenceRowCount), last = 0.0
        for j in 0..<referenceRowCount {
            if count[j] > 0 { last = sum[j] / Double(count[j]) }
            out[j] = last
        }
        return out
    }

    public static func matches(path: AlignmentPath, units: [ReferenceUnit], learnerRowCount: Int,
                               referenceRowCount: Int, peakWindowFrames: Int, rowSpread: [Double]? = nil) -> [UnitMatch] {
        var sum = [Double](repeating: 0, count: referenceRowCount)
        var count = [Int](repeating: 0, count: referenceRowCount)
        var first = [Int](repeating: Int.max, count: referenceRowCount)
        var last = [Int](repeating: -1, count: referenceRowCount)
        for k in 0..<path.count {
            let j = Int(path.templateFrames[k]), i = Int(path.queryFrames[k])
            sum[j] += Double(path.localDistances[k])
            count[j] += 1
            first[j] = min(first[j], i)
            last[j] = max(last[j], i)
        }
        let pace = Double(learnerRowCount) / Double(max(1, referenceRowCount))
        return units.map { unit in
            let rows = unit.rows
            guard !rows.isEmpty else {
                return UnitMatch(meanDistance: 0, peakDistance: 0, learnerRows: 0...0, relativeDuration: 1)
            }
            var rowMeans = [Double]()
            rowMeans.reserveCapacity(rows.count)
            var lo = Int.max, hi = -1
            for j in rows where count[j] > 0 {
                rowMeans.append(sum[j] / Double(count[j]) / (rowSpread?[j] ?? 1))
                lo = min(lo, first[j])
                hi = max(hi, last[j])
            }
            let mean = rowMeans.reduce(0, +) / Double(max(1, rowMeans.count))
            let window = max(1, min(peakWindowFrames, rowMeans.count))
            var peak = 0.0, running = 0.0
            for (index, value) in rowMeans.enumerated() {
                running += value
                if index >= window { running -= rowMeans[index - window] }
                if index >= window - 1 { peak = max(peak, running / Double(window)) }
            }
            guard hi >= lo else {
                return UnitMatch(meanDistance: mean, peakDistance: peak, learnerRows: 0...0, relativeDuration: 0)
            }
            return UnitMatch(meanDistance: mean, peakDistance: peak, learnerRows: lo...hi,
                             relativeDuration: Double(hi - lo + 1) / Double(rows.count) / pace)
        }
    }
}
