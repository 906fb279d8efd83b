import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechQueue

/// Everything one analysis thread owns: its `SpeechAnalyzer` (FFT plans made once, reused for every job),
/// a decoder, and a few decoded reference recordings. Lives and dies on its thread; never shared.
final class JobRunner {
    private let analyzer: SpeechAnalyzer
    private let decoder: AudioDecoder
    private let recordings: RecordingStore
    private var references: ReferenceCache

    init(recordings: RecordingStore, configuration: WorkerPoolConfiguration) {
        analyzer = SpeechAnalyzer(configuration: configuration.analysis)
        decoder = AudioDecoder(limits: configuration.decodeLimits)
        self.recordings = recordings
        references = ReferenceCache(capacity: configuration.referenceCacheEntries)
    }

    /// Runs one job: read and verify the recording, decode, analyse, encode the result document.
    func run(payload data: Data) -> JobOutcome {
        let payload: AnalysisJobPayload
        do {
            payload = try AnalysisJobPayload.decode(data)
        } catch {
            return .rejected(code: "invalid_payload", message: "the job's payload is not a speakwell.job/1 document: \(error)")
        }
        guard payload.schema == AnalysisJobPayload.schemaIdentifier, let digest = payload.recordingDigest else {
            return .rejected(code: "invalid_payload", message: "payload schema \(payload.schema) or recording digest is not understood by this worker")
        }
        FaultInjection.abortIfPoisoned(digest)
        let started = ContinuousClock.now
        let audio: DecodedAudio
        do {
            audio = try decoder.decode(bytes: try recordings.read(digest))
        } catch let error as DecodeError {
            return .rejected(code: error.code, message: error.message)
        } catch let error as QueueError {
            return Self.outcome(for: error)
        } catch {
            return .failedTransiently(code: "internal", message: "\(error)")
        }
        var referenceRecordings: [ReferenceRecording] = []
        for reference in payload.references {
            guard let referenceDigest = reference.recordingDigest else {
                return .rejected(code: "invalid_payload", message: "reference digest \(reference.recording) is not a SHA-256")
            }
            do {
                let decoded = try references.audio(for: referenceDigest) {
                    try decoder.decode(bytes: try recordings.read(referenceDigest))
                }
                referenceRecordings.append(ReferenceRecording(
                    name: reference.recording, samples: decoded.samples, sampleRateHz: decoded.sampleRateHz,
                    words: reference.words, identity: referenceDigest.hex))
            } catch let error as DecodeError {
                return .rejected(code: "reference_\(error.code)", message: "the exercise's model recording: \(error.message)")
            } catch let error as QueueError {
                return Self.outcome(for: error)
            } catch {
                return .failedTransiently(code: "internal", message: "\(error)")
            }
        }
        // The prompt text lets the analyzer time the words of references without a sidecar, and stands in
        // synthetic references for a text-only exercise (SpeechAnalyzer+alignment).
        let document = analyzer.analyze(audio, request: AnalysisRequest(references: referenceRecordings, text: payload.promptText))
        let elapsed = ContinuousClock.now - started
        do {
            let json = try document.jsonData()
            return .succeeded(result: json, audioSeconds: audio.durationSeconds,
                              analysisSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        } catch {
            return .failedTransiently(code: "internal", message: "encoding the result document failed: \(error)")
        }
    }

    /// A missing or damaged recording will not heal by retrying; an I/O error might.
    private static func outcome(for error: QueueError) -> JobOutcome {
        switch error.codeString {
        case "recording_not_found", "checksum_mismatch": .rejected(code: error.codeString, message: error.detail)
        default: .failedTransiently(code: error.codeString, message: error.detail)
        }
    }
}
