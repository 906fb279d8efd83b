import SpeechAnalysis

/// The feedback on one result as an HTML fragment with inline SVG: scores, the sentence with words
/// coloured by score, pitch against the model, the pause timeline, speech rate and tips. Every section
/// is drawn only when the result has it (analyses land over time; a result may lack pitch or scores).
struct FeedbackView {
    let document: ResultDocument
    let model: ResultDocument?
    /// The learner's waveform samples (teacher report only).
    var waveform: (samples: [Float], sampleRateHz: Int)?

    func render() -> String {
        var html = "<section id=\"feedback\" aria-label=\"Feedback\">"
        html += scores()
        html += words()
        html += "<h2>Tips</h2>" + tipsList()
        if let waveform {
            html += "<h2>Waveform</h2>" + WaveformChart.svg(samples: waveform.samples, sampleRateHz: waveform.sampleRateHz)
        }
        html += pitch()
        html += timeline()
        html += "<p class=\"note\">Recording: \(HTML.number(document.audio.durationSeconds, 2)) s, \(HTML.escape(document.audio.format))"
            + (document.audio.warnings.isEmpty ? "" : "; " + document.audio.warnings.map(HTML.escape).joined(separator: "; ")) + "</p>"
        return html + "</section>"
    }

    private func scores() -> String {
        var cards: [(String, String)] = []
        if let p = document.pronunciation {
            cards += [("Overall", HTML.number(p.overall, 0)), ("Accuracy", HTML.number(p.accuracy, 0)),
                      ("Fluency", HTML.number(p.fluency, 0)), ("Intonation", p.intonation.map { HTML.number($0, 0) } ?? "–"),
                      ("Rhythm", HTML.number(p.rhythm, 0)), ("Completeness", HTML.number(p.completeness, 0))]
        }
        if let f = document.fluency {
            cards += [("Speech rate", HTML.number(f.speechRateSyllablesPerSecond) + " syll/s"),
                      ("Articulation rate", HTML.number(f.articulationRateSyllablesPerSecond) + " syll/s"),
                      ("Pauses per minute", HTML.number(f.pausesPerMinute)), ("Long pauses", String(f.longPauseCount))]
        }
        if let median = document.pitch?.summary.medianHz {
            cards.append(("Median pitch", HTML.number(median, 0) + " Hz"))
        }
        if cards.isEmpty { cards.append(("Duration", HTML.number(document.audio.durationSeconds, 1) + " s")) }
        return "<h2>Scores</h2><div class=\"scores\" id=\"scores\">"
            + cards.map { "<div class=\"score\"><span>\($0.0)</span><b>\($0.1)</b></div>" }.joined() + "</div>"
    }

    private func words() -> String {
        guard let words = document.pronunciation?.words, !words.isEmpty else { return "" }
        let spans = words.map { word in
            let label = word.status == .ok ? "score \(HTML.number(word.score, 0))" : "\(word.status.rawValue), score \(HTML.number(word.score, 0))"
            return "<span class=\"w-\(word.status.rawValue)\" title=\"\(label)\" aria-label=\"\(HTML.escape(word.word)): \(label)\">\(HTML.escape(word.word))</span>"
        }
        return "<h2>Words</h2><p class=\"words\" id=\"words\">" + spans.joined() + "</p>"
            + "<p class=\"note\">Green: fine; red, wavy: mispronounced; struck through: left out; italic: added.</p>"
    }

    private func tipsList() -> String {
        let tips = FeedbackTips.tips(for: document)
        if document.pitch == nil && document.fluency == nil && document.pronunciation == nil {
            return "<p id=\"tips\">Your recording was received and checked. Scores, pitch and pause feedback appear here once those analyses are enabled on this server.</p>"
        }
        if tips.isEmpty { return "<p id=\"tips\">Well done: nothing stands out. Try the next exercise.</p>" }
        return "<ul class=\"tips\" id=\"tips\">" + tips.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
    }

    private func pitch() -> String {
        guard let pitch = document.pitch else { return "" }
        let duration = document.audio.durationSeconds
        let learner = PitchChart.Track(pitch: pitch, speechStart: document.speech?.leadingSilenceSeconds ?? 0,
                                       speechEnd: duration - (document.speech?.trailingSilenceSeconds ?? 0))
        var modelTrack: PitchChart.Track?
        if let model, let modelPitch = model.pitch {
            modelTrack = PitchChart.Track(pitch: modelPitch, speechStart: model.speech?.leadingSilenceSeconds ?? 0,
                                          speechEnd: model.audio.durationSeconds - (model.speech?.trailingSilenceSeconds ?? 0))
        }
        return "<h2>Pitch</h2>" + PitchChart.svg(learner: learner, model: modelTrack, durationSeconds: duration)
    }

    private func timeline() -> String {
        guard let speech = document.speech else { return "" }
        return "<h2>Pauses</h2>" + TimelineChart.svg(speech: speech, durationSeconds: document.audio.durationSeconds)
    }
}
