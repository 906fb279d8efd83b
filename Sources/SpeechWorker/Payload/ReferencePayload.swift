import Foundation
import SpeechAnalysis
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
