import SpeechAnalysis
import Foundation
import SpeechWorker

/// A speaking exercise of a class: the prompt the student reads and the model recordings to match.
public struct Exercise: Codable, Sendable, Equatable {
    public var id: String
    public var classID: String
    public var title: String
    public var promptText: String
    public var references: [ExerciseReference]
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, classID = "class_id", title, promptText = "prompt_text", references, createdAt = "created_at"
    }

    public init(id: String = Identifier.make(), classID: String, title: String, promptText: String,
                references: [ExerciseReference] = [], createdAt: Date = Date()) {
        self.id = id
        self.classID = classID
        self.title = title
        self.promptText = promptText
        self.references = references
        self.createdAt = createdAt
    }
}

/// One model recording of an exercise (stored in the recording store) and its optional word timings.
public struct ExerciseReference: Codable, Sendable, Equatable {
    /// SHA-256 of the recording's bytes: its name in the recording store.
    public var recording: String
    public var contentType: String
    public var durationSeconds: Double
    public var words: [ReferenceWord]?

    enum CodingKeys: String, CodingKey {
        case recording, contentType = "content_type", durationSeconds = "duration_s", words
    }

    public init(recording: String, contentType: String, durationSeconds: Double, words: [ReferenceWord]? = nil) {
        self.recording = recording
        self.contentType = contentType
        self.durationSeconds = durationSeconds
        self.words = words
    }
}
