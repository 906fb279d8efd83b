/// Running minimum over a centred window, in O(n) with a monotonic deque (Lemire 2006, "Streaming
/// maximum-minimum filter using no more than three comparisons per element").
///
/// The minimum-statistics core of the adaptive noise floor (Martin 2001, "Noise power spectral density
/// estimation based on optimal smoothing and minimum statistics"): the quietest level within a few seconds
/// is the background, whatever its absolute value.
public enum SlidingMinimum {
    /// `out[i] = min(values[i - halfWidth ... i + halfWidth])`, clipped at the ends. `halfWidth >= 0`.
    public static func centred(_ values: [Float], halfWidth: Int) -> [Float] {
        let count = values.count
        guard count > 0 else { return [] }
        let half = max(0, halfWidth)
        var out = [Float](repeating: 0, count: count)
        var deque = [Int](repeating: 0, count: count)   // indices, values increasing from head to tail
        var head = 0, tail = 0
        var next = 0                                      // next index to push
        for i in 0..<count {
            let last = min(count - 1, i + half)
            while next <= last {
                while tail > head && values[deque[tail - 1]] >= values[next] { tail -= 1 }
                deque[tail] = next; tail += 1; next += 1
            }
            while deque[head] < i - half { head += 1 }
            out[i] = values[deque[head]]
        }
        return out
    }
}
