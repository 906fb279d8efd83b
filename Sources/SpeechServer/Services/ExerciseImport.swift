import Foundation
import SpeechAudio

/// Makes an exercise from files on disk (`speakwell admin create-exercise`, the demo): each model
/// recording is decoded (refused with its `DecodeError` if bad), stored durably, and given the word
/// timings of its sidecar.
public enum ExerciseImport {
    public static func make(classID: String, title: String, promptText: String, referenceFiles: [URL],
                            environment: ServerEnvironment) async throws -> Exercise {
        var exercise = Exercise(classID: classID, title: title, promptText: promptText)
        for file in referenceFiles {
            let bytes = try Data(contentsOf: file)
            let audio = try AudioDecoder(limits: environment.configuration.decodeLimits).decode(bytes: bytes)
            let digest = try environment.recordings.store(bytes)
            exercise.references.append(ExerciseReference(recording: digest.hex, contentType: contentType(of: file),
                                                         durationSeconds: audio.durationSeconds,
                                                         words: ModelRecording.words(nextTo: file)))
        }
        return exercise
    }

    static func contentType(of file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "wav": "audio/wav"
        case "flac": "audio/flac"
        case "ogg", "oga", "opus": "audio/ogg"
        case "mp3": "audio/mpeg"
        case "aif", "aiff": "audio/aiff"
        default: "application/octet-stream"
        }
    }
}
