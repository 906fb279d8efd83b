import Foundation

/// Writes a `TextGrid` in Praat's long text format ("ooTextFile"), UTF-8, which Praat reads back as is.
public enum TextGridWriter {
    public static func text(of grid: TextGrid) -> String {
        var lines = ["File type = \"ooTextFile\"", "Object class = \"TextGrid\"", "",
                     "xmin = \(number(grid.startSeconds))", "xmax = \(number(grid.endSeconds))",
                     "tiers? <exists>", "size = \(grid.tiers.count)", "item []:"]
        for (index, tier) in grid.tiers.enumerated() {
            lines.append("    item [\(index + 1)]:")
            switch tier {
            case .intervals(let name, let intervals):
                lines += ["        class = \"IntervalTier\"", "        name = \(quoted(name))",
                          "        xmin = \(number(grid.startSeconds))", "        xmax = \(number(grid.endSeconds))",
                          "        intervals: size = \(intervals.count)"]
                for (i, interval) in intervals.enumerated() {
                    lines += ["        intervals [\(i + 1)]:", "            xmin = \(number(interval.startSeconds))",
                              "            xmax = \(number(interval.endSeconds))", "            text = \(quoted(interval.text))"]
                }
            case .points(let name, let points):
                lines += ["        class = \"TextTier\"", "        name = \(quoted(name))",
                          "        xmin = \(number(grid.startSeconds))", "        xmax = \(number(grid.endSeconds))",
                          "        points: size = \(points.count)"]
                for (i, point) in points.enumerated() {
                    lines += ["        points [\(i + 1)]:", "            number = \(number(point.timeSeconds))",
                              "            mark = \(quoted(point.mark))"]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Praat doubles a quote inside a string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Enough digits to round-trip a time to the microsecond and beyond, without exponent notation.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.9f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
