import Foundation
import SpeechAnalysis

/// The result document as a compact, aligned text table for a terminal.
struct TableRenderer {
    let document: ResultDocument
    let title: String

    func render() -> String {
        var lines = [title]
        let audio = document.audio
        lines.append(row("duration", String(format: "%.2f s", audio.durationSeconds)))
        lines.append(row("source", "\(audio.format), \(audio.sourceSampleRateHz) Hz, \(audio.channels) ch"))
        lines.append(row("clipped", String(format: "%.2f %%", audio.clippedFraction * 100)))
        for warning in audio.warnings { lines.append(row("warning", warning)) }
        if let pitch = document.pitch { lines += pitchRows(pitch) }
        lines += fluencyRows()
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
}
