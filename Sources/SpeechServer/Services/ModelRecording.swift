import SpeechAnalysis
import Foundation
import SpeechWorker

/// Finds a model recording and the word timings next to it: `NAME.words.json` (SPEC's sidecar) or the
/// fixture's `NAME.truth.json` (its `words` and `text`).
public enum ModelRecording {
    /// The demo's model: `AudioFixtures/sentences/s01.wav` under the working directory, or under a parent
    /// of the executable (a build folder inside the repository).
    public static func defaultDemoRecording() -> URL? {
        let relative = "AudioFixtures/sentences/s01.wav"
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)]
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent(relative))
            directory = directory.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    public static func words(nextTo recording: URL) -> [ReferenceWord]? {
        let base = recording.deletingPathExtension()
        if let data = try? Data(contentsOf: base.appendingPathExtension("words.json")),
           let words = try? JSONDecoder().decode([ReferenceWord].self, from: data) {
            return words
        }
        return truth(nextTo: recording)?.words
    }

    public static func text(nextTo recording: URL) -> String? {
        truth(nextTo: recording)?.text
    }

    private struct Truth: Decodable {
        let text: String?
        let words: [ReferenceWord]?
    }

    private static func truth(nextTo recording: URL) -> Truth? {
        let url = recording.deletingPathExtension().appendingPathExtension("truth.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Truth.self, from: data)
    }
}
