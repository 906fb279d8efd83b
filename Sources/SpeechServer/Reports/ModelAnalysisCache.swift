import Foundation
import NIOPosix
import SpeechAnalysis
import SpeechAudio
import SpeechQueue

/// The analysis of each exercise's model recording (its pitch contour is drawn under the learner's),
/// made once per process on NIO's blocking pool and kept by the recording's digest.
actor ModelAnalysisCache {
    private var documents: [String: ResultDocument] = [:]
    private let recordings: RecordingStore
    private let limits: DecodeLimits

    init(recordings: RecordingStore, limits: DecodeLimits) {
        self.recordings = recordings
        self.limits = limits
    }

    func document(for digest: String) async -> ResultDocument? {
        if let cached = documents[digest] { return cached }
        guard let recordingDigest = RecordingDigest(hex: digest) else { return nil }
        let recordings = recordings, limits = limits
        let document: ResultDocument? = try? await NIOThreadPool.singleton.runIfActive {
            let audio = try AudioDecoder(limits: limits).decode(bytes: try recordings.read(recordingDigest))
            return SpeechAnalyzer().analyze(audio)
        }
        if let document { documents[digest] = document }
        return document
    }
}
