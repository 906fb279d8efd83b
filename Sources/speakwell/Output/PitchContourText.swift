import Foundation
import SpeechAnalysis

/// A pitch contour as one line of block characters for a terminal: each column is the median F0 (in
/// semitones re the speaker's median) of its stretch of frames, drawn at one of eight heights; a blank
/// column had no voiced frame. The scale runs from the lowest to the highest column.
struct PitchContourText {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let section: PitchSection
    let columns: Int

    /// The contour line, and its scale as "-4.1 ... +3.2 st"; `nil` when nothing is voiced.
    func render() -> (line: String, scale: String)? {
        guard let median = section.summary.medianHz, median > 0, !section.f0Hz.isEmpty else { return nil }
        let frames = section.f0Hz.count
        let width = max(1, min(columns, frames))
        var values = [Double?](repeating: nil, count: width)
        for column in 0..<width {
            let slice = section.f0Hz[(column * frames / width)..<max(column * frames / width + 1, (column + 1) * frames / width)]
            let voiced = slice.compactMap { $0 }.sorted()
            guard !voiced.isEmpty else { continue }
            values[column] = 12 * log2(voiced[voiced.count / 2] / median)
        }
        let present = values.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return nil }
        let span = max(high - low, 1e-9)
        let line = String(values.map { value -> Character in
            guard let value else { return " " }
            let level = Int(((value - low) / span * Double(Self.levels.count - 1)).rounded())
            return Self.levels[min(max(level, 0), Self.levels.count - 1)]
        })
        return (line, String(format: "%+.1f ... %+.1f st re %.0f Hz", low, high, median))
    }
}
