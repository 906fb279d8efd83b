import Foundation
import Logging
import NIOPosix
import SpeechAnalysis
import SpeechAudio

/// Word timings of a model recording found from its prompt text (espeak-ng renditions warped onto it,
/// docs/pronunciation.md), on NIO's blocking pool: it takes a second or so of CPU.
enum ReferenceAlignment {
    /// nil when the prompt is empty or the aligner cannot place the text (the analysis then tries again
    /// per submission, and scores the utterance without words if it fails there too).
    static func align(_ audio: DecodedAudio, text: String,
                      logger: Logger = Logger(label: "speakwell.align")) async -> WordAlignment? {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let outcome: Result<WordAlignment, any Error>? = try? await NIOThreadPool.singleton.runIfActive {
            Result {
                let projection = (try? PronunciationCalibration.locateDefault())?.projection
                return try ReferenceAligner(projection: projection).align(samples: audio.samples, text: text)
            }
        }
        switch outcome {
        case .success(let alignment):
            return alignment
        case .failure(let error):
            logger.notice("model recording not aligned to its prompt", metadata: ["error": "\(error)"])
            return nil
        case nil:
            return nil
        }
    }
}
