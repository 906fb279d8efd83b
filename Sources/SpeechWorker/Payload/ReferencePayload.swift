import Foundation
import SpeechQueue

/// One model recording of an exercise and, when known, its word timings (SPEC "Reference word timings").
public struct ReferencePayload: Codable, Sendable, Equatable {
    public var recording: String
    public var words: [ReferenceWord]?

    public init(recording: RecordingDigest, words: [ReferenceWord]? = nil) {
        self.recording = recording.hex
        self.words = words
    }

    public var recordingDigest: RecordingDigest? { RecordingDigest(hex: recording) }
}

/// A word of a reference recording: the `NAME.words.json` sidecar's element (`{"word","start_s","end_s"}`).
public struct ReferenceWord: Codable, Sendable, Equatable {
    public var word: String
    public var startSeconds: Double
    public var endSeconds: Double

    enum CodingKeys: String, CodingKey {
        case word, startSeconds = "start_s", endSeconds = "end_s"
    }

    public init(word: String, startSeconds: Double, endSeconds: Double) {
        self.word = word
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
    }
}
