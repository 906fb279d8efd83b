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
    /// Where `words` came from: `teacher` (sent with the recording) or `aligned` (found from the prompt text
    /// when the recording was added); nil when there are none.
    public var wordsSource: String?
    /// Words of the prompt the aligner could not place in this recording (reported, never invented).
    public var unplacedWords: [String]?

    enum CodingKeys: String, CodingKey {
        case recording, contentType = "content_type", durationSeconds = "duration_s", words
        case wordsSource = "words_source", unplacedWords = "unplaced_words"
    }

    public init(recording: String, contentType: String, durationSeconds: Double, words: [ReferenceWord]? = nil,
                wordsSource: String? = nil, unplacedWords: [String]? = nil) {
        self.recording = recording
        self.contentType = contentType
        self.durationSeconds = durationSeconds
        self.words = words
        self.wordsSource = words == nil ? nil : (wordsSource ?? "teacher")
        self.unplacedWords = unplacedWords
    }
}
