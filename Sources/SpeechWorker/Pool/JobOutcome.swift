import Foundation
import SpeechAudio

/// What one run of one job produced on its analysis thread.
enum JobOutcome: Sendable {
    /// The result document's JSON bytes, the recording's duration and the time the analysis took.
    case succeeded(result: Data, audioSeconds: Double, analysisSeconds: Double)
    /// The recording cannot be analysed (a `DecodeError` or a malformed payload): retrying cannot help.
    case rejected(code: String, message: String)
    /// Something around the recording failed (storage I/O): worth another attempt after a backoff.
    case failedTransiently(code: String, message: String)
}
