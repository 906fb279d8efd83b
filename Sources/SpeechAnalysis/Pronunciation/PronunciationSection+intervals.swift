extension PronunciationSection {
    /// Learner-time intervals of the scored words (omitted words have none), labelled `word (status score)`;
    /// inserted stretches are labelled `+ (inserted)`. What the TextGrid writer puts on its `words` tier.
    public var wordIntervals: [(startSeconds: Double, endSeconds: Double, label: String)] {
        words.compactMap { word in
            guard let start = word.startSeconds, let end = word.endSeconds, end > start else { return nil }
            let label = word.status == .inserted ? "+ (inserted)" : "\(word.word) (\(word.status.rawValue) \(Int(word.score.rounded())))"
            return (start, end, label)
        }
    }
}
