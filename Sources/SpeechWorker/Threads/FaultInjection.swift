import Foundation
import SpeechQueue

/// A test-only fault hook for the crash test: when `SPEAKWELL_FAULT_ABORT_ON_RECORDING` names a recording's
/// SHA-256, the worker process aborts as soon as it starts that job — the "recording that crashes the
/// analysis every time" of SPEC, which must end dead after the maximum attempts instead of looping.
/// Unset (always, in production) it costs one dictionary lookup per job.
enum FaultInjection {
    static let poisonedRecording = ProcessInfo.processInfo.environment["SPEAKWELL_FAULT_ABORT_ON_RECORDING"]

    static func abortIfPoisoned(_ digest: RecordingDigest) {
        guard let poisonedRecording, poisonedRecording == digest.hex else { return }
        FileHandle.standardError.write(Data("speakwell worker: fault injection: aborting on recording \(digest.hex)\n".utf8))
        abort()
    }
}
