/// One tier of a `TextGrid`: an IntervalTier (labelled stretches that tile the time domain) or a
/// TextTier (labelled points).
public enum TextGridTier: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        public var text: String
        public init(startSeconds: Double, endSeconds: Double, text: String) {
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.text = text
        }
    }

    public struct Point: Sendable, Equatable {
        public var timeSeconds: Double
        public var mark: String
        public init(timeSeconds: Double, mark: String) {
            self.timeSeconds = timeSeconds
            self.mark = mark
        }
    }

    case intervals(name: String, [Interval])
    case points(name: String, [Point])

    public var name: String {
        switch self {
        case .intervals(let name, _), .points(let name, _): name
        }
    }

    /// Labelled intervals (empty labels dropped) of an interval tier; empty for a point tier.
    public var labelledIntervals: [Interval] {
        if case .intervals(_, let intervals) = self { return intervals.filter { !$0.text.isEmpty } }
        return []
    }

    /// An interval tier over `start...end` in which `labelled` (sorted, non-overlapping) keep their labels
    /// and every gap between them becomes an empty interval, as Praat requires.
    public static func tiling(name: String, start: Double, end: Double, labelled: [Interval]) -> TextGridTier {
        var intervals: [Interval] = []
        var cursor = start
        for interval in labelled.sorted(by: { $0.startSeconds < $1.startSeconds }) {
            let from = max(cursor, min(end, interval.startSeconds)), to = min(end, interval.endSeconds)
            guard to > from else { continue }
            if from > cursor { intervals.append(Interval(startSeconds: cursor, endSeconds: from, text: "")) }
            intervals.append(Interval(startSeconds: from, endSeconds: to, text: interval.text))
            cursor = to
        }
        if cursor < end || intervals.isEmpty { intervals.append(Interval(startSeconds: cursor, endSeconds: end, text: "")) }
        return .intervals(name: name, intervals)
    }
}
