import SpeechAnalysis

/// One or two concrete tips drawn from the result, most useful first. Thresholds are plain and stated
/// (conversational English runs at about 3 to 5 syllables per second, Jacewicz et al. 2009).
enum FeedbackTips {
    static func tips(for document: ResultDocument, maximum: Int = 2) -> [String] {
        var tips: [String] = []
        if let pronunciation = document.pronunciation {
            let missed = pronunciation.words.filter { $0.status == .omitted }.map(\.word)
            if !missed.isEmpty {
                tips.append("You left out \(list(missed)). Read the whole sentence, even if you have to slow down.")
            }
            let mispronounced = pronunciation.words.filter { $0.status == .mispronounced }.sorted { $0.score < $1.score }
            if let diagnosed = mispronounced.first(where: { $0.likelyError != nil }), let error = diagnosed.likelyError {
                tips.append(sound(error, in: diagnosed.word))
            }
            let weak = mispronounced.prefix(2).map(\.word)
            if !weak.isEmpty {
                tips.append("Listen to the model again for \(list(weak)) and repeat just those words a few times.")
            }
            if let intonation = pronunciation.intonation, intonation < 60 {
                tips.append("Copy the model's melody: let your voice go up and down where the model's does.")
            }
        }
        if let fluency = document.fluency {
            if fluency.longPauseCount > 0 {
                tips.append("There \(fluency.longPauseCount == 1 ? "was one long pause" : "were \(fluency.longPauseCount) long pauses") (over a second). Read the sentence silently first so you know what comes next.")
            }
            if fluency.speechRateSyllablesPerSecond > 0 && fluency.speechRateSyllablesPerSecond < 2.5 {
                tips.append("You spoke slowly (\(HTML.number(fluency.speechRateSyllablesPerSecond)) syllables per second). Try to link the words together.")
            } else if fluency.speechRateSyllablesPerSecond > 5.5 {
                tips.append("You spoke fast (\(HTML.number(fluency.speechRateSyllablesPerSecond)) syllables per second). Slow down a little so every word is clear.")
            }
        }
        if let range = document.pitch?.summary.rangeSemitones, range < 4 {
            tips.append("Your voice stayed quite flat (\(HTML.number(range)) semitones). Stress the important words more.")
        }
        if tips.isEmpty, document.audio.clippedFraction > 0.001 {
            tips.append("The recording is distorted: hold the microphone a little further away.")
        }
        return Array(tips.prefix(maximum))
    }

    /// The sound to fix in one word, from its likely error (model v5 and later): what to say instead of what was heard.
    static func sound(_ error: PronunciationSection.Word.LikelyError, in word: String) -> String {
        let how = [
            "θ": " (tongue between the teeth, no voice)", "ð": " (tongue between the teeth, with voice)",
            "ʃ": " (lips rounded, tongue further back than for /s/)",
        ][error.expected] ?? ""
        let quoted = list([word])
        switch (error.rule, error.said) {
        case ("final_consonant_deletion", _):
            return "Finish \(quoted): say its last sound, /\(error.expected)/."
        case ("cluster_simplification", _):
            return "In \(quoted), say every consonant: the /\(error.expected)/ was missing."
        case (_, let said?):
            return "In \(quoted), say /\(error.expected)/\(how), not /\(said)/."
        default:
            return "In \(quoted), say the /\(error.expected)/."
        }
    }

    private static func list(_ words: [String]) -> String {
        words.map { "“\($0)”" }.joined(separator: " and ")
    }
}
