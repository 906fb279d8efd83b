extension JobRecord {
    /// Why a finished job has no result, as batch outputs report it (`results.jsonl`, `errors.csv`, the
    /// HTTP batch results): a failed job's own error; `dead` with the attempts and the last error; nil for
    /// a succeeded job or one still queued or running.
    public var finalError: JobErrorInfo? {
        switch state {
        case .queued, .running, .succeeded: return nil
        case .failed, .dead, .cancelled:
            let error = lastError ?? JobErrorInfo(code: state.rawValue, message: "the job ended \(state.rawValue)")
            guard state == .dead else { return error }
            return JobErrorInfo(code: "dead", message: "analysis failed \(attempts) times, last: \(error.code): \(error.message)")
        }
    }
}
