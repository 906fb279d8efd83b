/// The long-poll both backends share: re-read the job whenever this process finished some job
/// (`finished` signal) or every `finishPollInterval` (jobs finished by other processes).
public struct FinishWaiter: Sendable {
    public let finished: WakeSignal
    public init(finished: WakeSignal) { self.finished = finished }

    public func wait(for id: JobID, timeout: Duration, pollInterval: Duration,
                     read: @Sendable (JobID) async throws(QueueError) -> JobRecord?) async throws(QueueError) -> JobRecord? {
        let start = ContinuousClock.now
        while true {
            let record = try await read(id)
            guard let record, !record.state.isFinished else { return record }
            let remaining = timeout - (ContinuousClock.now - start)
            if remaining <= .zero || Task.isCancelled { return record }
            await finished.wait(timeout: min(remaining, pollInterval))
        }
    }
}
