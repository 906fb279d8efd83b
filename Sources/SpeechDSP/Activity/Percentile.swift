/// Order statistics of a level contour (as Praat's `Get quantile`: linear interpolation between ranks).
public enum Percentile {
    /// The `fraction` (0...1) quantile of `values`; `nil` when `values` is empty.
    public static func of(_ values: [Float], fraction: Double) -> Float? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = min(1, max(0, fraction)) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(sorted.count - 1, lower + 1)
        let weight = Float(position - Double(lower))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}
