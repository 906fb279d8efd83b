import Foundation
import SpeechQueue

/// Small conveniences the conformance tests share.
extension JobRequest {
    static func named(_ name: String, priority: JobPriority = .interactive, key: String? = nil,
                      runAt: QueueTime? = nil, maxAttempts: Int? = nil) -> JobRequest {
        JobRequest(payload: Data(name.utf8), metadata: ["name": name], priority: priority, idempotencyKey: key,
                   runAt: runAt, maxAttempts: maxAttempts)
    }
}

extension ClaimedJob {
    var name: String { String(decoding: payload, as: UTF8.self) }
}

let boom = JobErrorInfo(code: "analysis_failed", message: "the pitch tracker threw")
