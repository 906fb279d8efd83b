import Foundation

extension ReferenceWordsSidecar {
    /// The non-empty intervals of the interval tier named `words` of a Praat TextGrid (TextGridReader).
    static func wordsFromTextGrid(path: String) throws(PronunciationError) -> [ReferenceWord] {
        let grid: TextGrid
        do {
            grid = try TextGridReader.read(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .sidecarInvalid(path: path, reason: "not a readable TextGrid (\(error))")
        }
        guard let tier = grid.tier(named: "words") else {
            throw .sidecarInvalid(path: path, reason: "no tier named \"words\"")
        }
        return tier.labelledIntervals.map {
            ReferenceWord(word: $0.text.trimmingCharacters(in: .whitespaces), startSeconds: $0.startSeconds, endSeconds: $0.endSeconds)
        }
    }
}
