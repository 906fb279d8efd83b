import Foundation

/// Finds and reads the word timings stored next to a reference recording: `NAME.words.json` first,
/// then `NAME.TextGrid` (a tier named `words`). No sidecar means no word timings (utterance-level scores).
public enum ReferenceWordsSidecar {
    /// Sidecar paths for a reference at `referencePath` (extension replaced), in the order they are tried.
    public static func candidatePaths(forReference referencePath: String) -> (json: String, textGrid: String) {
        let url = URL(fileURLWithPath: referencePath).deletingPathExtension()
        return (url.path + ".words.json", url.path + ".TextGrid")
    }

    /// Word timings of the reference at `referencePath`, or `nil` when it has no sidecar.
    /// - Parameter durationSeconds: length of the reference; words must lie inside it (50 ms slack).
    public static func load(forReference referencePath: String, durationSeconds: Double) throws(PronunciationError) -> [ReferenceWord]? {
        let paths = candidatePaths(forReference: referencePath)
        let manager = FileManager.default
        if manager.fileExists(atPath: paths.json) {
            return try readJSON(path: paths.json, durationSeconds: durationSeconds)
        }
        if manager.fileExists(atPath: paths.textGrid) {
            return try validated(try wordsFromTextGrid(path: paths.textGrid), path: paths.textGrid,
                                 durationSeconds: durationSeconds)
        }
        return nil
    }

    /// Parses a `words.json` document.
    public static func readJSON(path: String, durationSeconds: Double) throws(PronunciationError) -> [ReferenceWord] {
        let words: [ReferenceWord]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            words = try JSONDecoder().decode([ReferenceWord].self, from: data)
        } catch {
            throw .sidecarInvalid(path: path, reason: "not a JSON array of words (\(error))")
        }
        return try validated(words, path: path, durationSeconds: durationSeconds)
    }

    static func validated(_ words: [ReferenceWord], path: String, durationSeconds: Double) throws(PronunciationError) -> [ReferenceWord] {
        guard !words.isEmpty else { throw .sidecarInvalid(path: path, reason: "no words") }
        var previousEnd = -Double.infinity
        for word in words {
            guard word.startSeconds.isFinite, word.endSeconds.isFinite, word.startSeconds >= 0,
                  word.endSeconds > word.startSeconds, word.endSeconds <= durationSeconds + 0.05 else {
                throw .sidecarInvalid(path: path, reason: "word \"\(word.word)\" spans \(word.startSeconds)...\(word.endSeconds) s in a \(String(format: "%.2f", durationSeconds)) s recording")
            }
            guard word.startSeconds >= previousEnd - 0.02 else {
                throw .sidecarInvalid(path: path, reason: "word \"\(word.word)\" starts before the previous word ends")
            }
            previousEnd = word.endSeconds
        }
        return words
    }
}
