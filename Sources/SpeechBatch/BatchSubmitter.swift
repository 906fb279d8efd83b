import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechQueue
import SpeechWorker

/// Turns manifest items into job payloads: stores each recording durably (content-addressed, so a
/// reference shared by many items is stored and read once) and reads reference word sidecars.
struct BatchSubmitter {
    struct Failure: Error { let code: String; let message: String }

    let recordings: RecordingStore
    private var references: [String: Result<ReferencePayload, Failure>] = [:]

    init(recordings: RecordingStore) { self.recordings = recordings }

    mutating func payload(for item: BatchItem) -> Result<AnalysisJobPayload, Failure> {
        let learner: RecordingDigest
        switch store(item.audioPath) {
        case .success(let digest): learner = digest
        case .failure(let failure): return .failure(failure)
        }
        var payloads: [ReferencePayload] = []
        for path in item.referencePaths {
            if references[path] == nil { references[path] = reference(at: path) }
            switch references[path]! {
            case .success(let payload): payloads.append(payload)
            case .failure(let failure):
                return .failure(Failure(code: failure.code, message: "reference \(path): \(failure.message)"))
            }
        }
        return .success(AnalysisJobPayload(recording: learner, references: payloads))
    }

    private func store(_ path: String) -> Result<RecordingDigest, Failure> {
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            return .failure(Failure(code: "unreadable", message: "\(path): \(error.localizedDescription)"))
        }
        if bytes.isEmpty { return .failure(Failure(code: DecodeError.empty().code, message: "\(path): \(DecodeError.empty().message)")) }
        do { return .success(try recordings.store(bytes)) } catch {
            return .failure(Failure(code: "storage", message: "\(path): \(error)"))
        }
    }

    private func reference(at path: String) -> Result<ReferencePayload, Failure> {
        let digest: RecordingDigest
        switch store(path) {
        case .success(let stored): digest = stored
        case .failure(let failure): return .failure(failure)
        }
        do {
            let words = try ReferenceWordsSidecar.load(forReference: path, durationSeconds: .infinity)
            return .success(ReferencePayload(recording: digest, words: words))
        } catch {
            return .failure(Failure(code: "referenceWords", message: "\(error)"))
        }
    }
}
