import Foundation
import SpeechQueue

/// What one analysis job carries through the queue (`JobRequest.payload`): the learner's recording and the
/// exercise's references, each named by its digest in the `RecordingStore`. The queue never reads it.
///
/// JSON, versioned by `schema`, so a worker of another release refuses what it cannot understand
/// instead of guessing.
public struct AnalysisJobPayload: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "speakwell.job/1"

    public var schema: String
    /// The learner's recording (SHA-256 of its bytes).
    public var recording: String
    /// Model recordings of the exercise, best first; empty for free practice.
    public var references: [ReferencePayload]
    /// The exercise's prompt text, when it has one.
    public var promptText: String?

    enum CodingKeys: String, CodingKey {
        case schema, recording, references
        case promptText = "prompt_text"
    }

    public init(recording: RecordingDigest, references: [ReferencePayload] = [], promptText: String? = nil) {
        schema = Self.schemaIdentifier
        self.recording = recording.hex
        self.references = references
        self.promptText = promptText
    }

    public var recordingDigest: RecordingDigest? { RecordingDigest(hex: recording) }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    public static func decode(_ data: Data) throws -> AnalysisJobPayload {
        try JSONDecoder().decode(AnalysisJobPayload.self, from: data)
    }
}
