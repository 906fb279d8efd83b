import SpeechAnalysis

/// Where the speech, the pauses (silent red, filled amber) and the syllable nuclei (ticks) are.
enum TimelineChart {
    static func svg(speech: SpeechSection, durationSeconds: Double) -> String {
        let frame = SVGFrame(height: 90, durationSeconds: durationSeconds)
        let barTop = frame.top + 14, barHeight = 30.0
        let speechStart = speech.leadingSilenceSeconds
        let speechEnd = max(durationSeconds - speech.trailingSilenceSeconds, speechStart)
        var content = "<rect x=\"\(HTML.number(frame.x(speechStart)))\" y=\"\(HTML.number(barTop))\" width=\"\(HTML.number(frame.x(speechEnd) - frame.x(speechStart)))\" height=\"\(HTML.number(barHeight))\" fill=\"#cfe0ff\"><title>speech</title></rect>"
        for pause in speech.pauses {
            let color = pause.kind == .filled ? "#e0a000" : "#c02020"
            content += "<rect class=\"pause\" x=\"\(HTML.number(frame.x(pause.startSeconds)))\" y=\"\(HTML.number(barTop))\" width=\"\(HTML.number(max(frame.x(pause.endSeconds) - frame.x(pause.startSeconds), 1)))\" height=\"\(HTML.number(barHeight))\" fill=\"\(color)\"><title>\(pause.kind.rawValue) pause \(HTML.number(pause.durationSeconds, 2)) s</title></rect>"
        }
        for syllable in speech.syllables {
            let px = HTML.number(frame.x(syllable.timeSeconds))
            content += "<line class=\"syllable\" x1=\"\(px)\" y1=\"\(HTML.number(barTop - 8))\" x2=\"\(px)\" y2=\"\(HTML.number(barTop))\" stroke=\"#111\"/>"
        }
        content += "<text x=\"\(HTML.number(frame.left))\" y=\"\(HTML.number(frame.top + 6))\" font-size=\"10\" fill=\"#333\">syllables</text>"
        return frame.wrap(id: "timeline", label: "Timeline: \(speech.pauses.count) pauses, \(speech.syllables.count) syllables", content)
    }
}
