extension TextGrid {
    /// The analysis of one recording as Praat tiers (SPEC "Results"): `syllables` (points at nuclei),
    /// `pauses` (intervals labelled `silent` / `filled`), `speech` (intervals labelled `speech`, between
    /// leading and trailing silence and outside silent pauses), and `words` when word timings are known.
    public init(document: ResultDocument, words: [TextGridTier.Interval]? = nil) {
        let end = document.audio.durationSeconds
        var tiers: [TextGridTier] = []
        if let speech = document.speech {
            tiers.append(.points(name: "syllables", speech.syllables.enumerated().map {
                TextGridTier.Point(timeSeconds: $0.element.timeSeconds, mark: "\($0.offset + 1)")
            }))
            tiers.append(.tiling(name: "pauses", start: 0, end: end, labelled: speech.pauses.map {
                .init(startSeconds: $0.startSeconds, endSeconds: $0.endSeconds, text: $0.kind.rawValue)
            }))
            var sounding: [TextGridTier.Interval] = []
            var cursor = speech.leadingSilenceSeconds
            let last = end - speech.trailingSilenceSeconds
            for pause in speech.pauses where pause.kind == .silent {
                sounding.append(.init(startSeconds: cursor, endSeconds: pause.startSeconds, text: "speech"))
                cursor = pause.endSeconds
            }
            if last > cursor { sounding.append(.init(startSeconds: cursor, endSeconds: last, text: "speech")) }
            tiers.append(.tiling(name: "speech", start: 0, end: end, labelled: sounding))
        }
        let knownWords = words ?? document.pronunciation?.words.compactMap { word in
            guard let start = word.startSeconds, let stop = word.endSeconds else { return nil }
            return TextGridTier.Interval(startSeconds: start, endSeconds: stop, text: word.word)
        }
        if let knownWords, !knownWords.isEmpty {
            tiers.append(.tiling(name: "words", start: 0, end: end, labelled: knownWords))
        }
        self.init(startSeconds: 0, endSeconds: end, tiers: tiers)
    }
}
