import Foundation
import SpeechAnalysis

/// The result document as a compact, aligned text table for a terminal.
struct TableRenderer {
    let document: ResultDocument
    let title: String
    /// ANSI colours for word statuses; only when stdout is a terminal.
    var colour = false

    func render() -> String {
        var lines = [title]
        let audio = document.audio
        lines.append(row("duration", String(format: "%.2f s", audio.durationSeconds)))
        lines.append(row("source", "\(audio.format), \(audio.sourceSampleRateHz) Hz, \(audio.channels) ch"))
        lines.append(row("clipped", String(format: "%.2f %%", audio.clippedFraction * 100)))
        for warning in audio.warnings { lines.append(row("warning", warning)) }
        if let pitch = document.pitch { lines += pitchRows(pitch) }
        lines += fluencyRows()
        if let pronunciation = document.pronunciation { lines += pronunciationRows(pronunciation) }
        return lines.joined(separator: "\n")
    }

    func pitchRows(_ pitch: PitchSection) -> [String] {
        let summary = pitch.summary
        guard let median = summary.medianHz else { return [row("pitch", "too little voicing to measure")] }
        var rows = [row("pitch median", String(format: "%.0f Hz", median))]
        if let range = summary.rangeSemitones { rows.append(row("pitch range (5-95 %)", String(format: "%.1f st", range))) }
        if let sd = summary.sdSemitones { rows.append(row("pitch variability (SD)", String(format: "%.1f st", sd))) }
        if let slope = summary.slopeSemitonesPerSecond {
            rows.append(row("pitch slope", String(format: "%+.2f st/s", slope)))
        }
        if let contour = PitchContourText(section: pitch, columns: 60).render() {
            rows.append(row("pitch contour", contour.line))
            rows.append(row("", contour.scale))
        }
        return rows
    }

    func row(_ label: String, _ value: String) -> String {
        label.padding(toLength: 24, withPad: " ", startingAt: 0) + value
    }

    private func pronunciationRows(_ p: PronunciationSection) -> [String] {
        func score(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "-" }
        var lines = [row("pronunciation", "overall \(score(p.overall))  accuracy \(score(p.accuracy))  "
                         + "completeness \(score(p.completeness))  fluency \(score(p.fluency))  "
                         + "intonation \(score(p.intonation))  rhythm \(score(p.rhythm))")]
        if let version = p.modelVersion { lines.append(row("  model", "\(version), \(p.referenceCount ?? 0) reference(s)")) }
        if p.referenceKind == "synthetic" || p.wordTimings == "aligned" || p.wordTimings == "mixed" {
            lines.append(row("  reference", p.referenceKind == "synthetic" ? "synthetic (espeak-ng voices; no model recording)"
                                                                        : "word timings aligned from the text (check them: speakwell align)"))
        }
        for word in p.words {
            let times = word.startSeconds.map { String(format: "%6.2f-%-6.2f s", $0, word.endSeconds ?? $0) } ?? "      -        "
            let label = word.status == .inserted ? "(inserted)" : word.word
            let text = "\(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(times)  "
                + "\(String(format: "%3.0f", word.score))  \(word.status.rawValue)"
                + (word.likelyError.map { "  (likely \($0.summary))" } ?? "")
            lines.append("  " + paint(text, word.status))
        }
        for segment in p.worstSegments ?? [] {
            lines.append(row("  weakest stretch", String(format: "%.2f-%.2f s  score %.0f", segment.startSeconds,
                                                         segment.endSeconds, segment.score)))
        }
        return lines
    }

    private func paint(_ text: String, _ status: PronunciationSection.Word.Status) -> String {
        guard colour else { return text }
        let code: String
        switch status {
        case .ok: code = "32"
        case .mispronounced: code = "33"
        case .omitted: code = "31"
        case .inserted: code = "35"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
