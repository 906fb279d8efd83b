import Foundation
import SpeechAnalysis

extension TableRenderer {
    /// Speech and fluency rows (docs/fluency.md); none when neither section is present.
    func fluencyRows() -> [String] {
        var lines: [String] = []
        if let speech = document.speech {
            let silent = speech.pauses.filter { $0.kind == .silent }.count
            let filled = speech.pauses.count - silent
            lines.append(row("leading silence", String(format: "%.2f s", speech.leadingSilenceSeconds)))
            lines.append(row("trailing silence", String(format: "%.2f s", speech.trailingSilenceSeconds)))
            lines.append(row("pauses", "\(silent) silent, \(filled) filled"))
        }
        if let fluency = document.fluency {
            lines.append(row("syllables", "\(fluency.syllableCount)"))
            lines.append(row("speech rate", String(format: "%.2f syll/s", fluency.speechRateSyllablesPerSecond)))
            lines.append(row("articulation rate", String(format: "%.2f syll/s", fluency.articulationRateSyllablesPerSecond)))
            lines.append(row("phonation-time ratio", String(format: "%.0f %%", fluency.phonationTimeRatio * 100)))
            lines.append(row("mean length of run", String(format: "%.1f syll", fluency.meanLengthOfRunSyllables)))
            lines.append(row("pauses per minute", String(format: "%.1f", fluency.pausesPerMinute)))
            lines.append(row("mean pause", String(format: "%.2f s", fluency.meanPauseSeconds)))
            lines.append(row("long pauses (>= 1 s)", "\(fluency.longPauseCount)"))
            lines.append(row("filled pauses", "\(fluency.filledPauseCount)"))
        }
        return lines
    }
}
