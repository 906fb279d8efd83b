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
        lines += fluencyRows()
        return lines.joined(separator: "\n")
    }

    func row(_ label: String, _ value: String) -> String {
        label.padding(toLength: 24, withPad: " ", startingAt: 0) + value
    }
}
