import SpeechAnalysis

/// A Praat TextGrid (long text format) of a result: `syllables` (point tier at syllable nuclei),
/// `pauses` (silent/filled intervals) and `words` (learner word intervals; omitted words have none),
/// so teachers and phoneticians can open the analysis next to the recording in Praat.
enum TextGridWriter {
    /// nil when the result has neither speech nor word timings (nothing to put in the tiers).
    static func textGrid(for document: ResultDocument) -> String? {
        guard document.speech != nil || document.pronunciation != nil else { return nil }
        let end = document.audio.durationSeconds
        var tiers: [String] = []
        let syllables = document.speech?.syllables.map(\.timeSeconds) ?? []
        tiers.append(pointTier(name: "syllables", end: end, points: syllables.map { ($0, "") }))
        let pauses = document.speech?.pauses.map { ($0.startSeconds, $0.endSeconds, $0.kind.rawValue) } ?? []
        tiers.append(intervalTier(name: "pauses", end: end, labelled: pauses))
        let words = document.pronunciation?.words.compactMap { word -> (Double, Double, String)? in
            guard let start = word.startSeconds, let stop = word.endSeconds else { return nil }
            return (start, stop, word.word)
        } ?? []
        tiers.append(intervalTier(name: "words", end: end, labelled: words))
        var text = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            xmin = 0
            xmax = \(end)
            tiers? <exists>
            size = \(tiers.count)
            item []:

            """
        for (index, tier) in tiers.enumerated() {
            text += "    item [\(index + 1)]:\n" + tier
        }
        return text
    }

    /// Fills the gaps between labelled intervals with empty ones, as Praat requires (no gaps, no overlaps).
    private static func intervalTier(name: String, end: Double, labelled: [(Double, Double, String)]) -> String {
        var intervals: [(Double, Double, String)] = []
        var cursor = 0.0
        for (start, stop, label) in labelled.sorted(by: { $0.0 < $1.0 }) {
            let start = max(start, cursor), stop = min(stop, end)
            guard stop > start else { continue }
            if start > cursor { intervals.append((cursor, start, "")) }
            intervals.append((start, stop, label))
            cursor = stop
        }
        if cursor < end || intervals.isEmpty { intervals.append((cursor, end, "")) }
        var text = """
                    class = "IntervalTier"
                    name = "\(name)"
                    xmin = 0
                    xmax = \(end)
                    intervals: size = \(intervals.count)

            """
        for (index, interval) in intervals.enumerated() {
            text += """
                        intervals [\(index + 1)]:
                            xmin = \(interval.0)
                            xmax = \(interval.1)
                            text = "\(quoted(interval.2))"

                """
        }
        return text
    }

    private static func pointTier(name: String, end: Double, points: [(Double, String)]) -> String {
        var text = """
                    class = "TextTier"
                    name = "\(name)"
                    xmin = 0
                    xmax = \(end)
                    points: size = \(points.count)

            """
        for (index, point) in points.enumerated() {
            text += """
                        points [\(index + 1)]:
                            number = \(point.0)
                            mark = "\(quoted(point.1))"

                """
        }
        return text
    }

    /// Praat doubles a quote inside a string.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "\"\"")
    }
}
