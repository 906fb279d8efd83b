import Foundation

/// One-job forms of the batched calls: they throw the refusal instead of returning it.
extension JobQueue {
    public func enqueue(_ request: JobRequest) async throws(QueueError) -> EnqueueReceipt {
        try await enqueue([request])[0]
    }

    public func heartbeat(_ lease: Lease) async throws(QueueError) -> Lease {
        let outcome = try await heartbeat([lease])
        if let error = outcome.refused[lease.jobID] { throw error }
        return outcome.accepted[0]
    }

    public func complete(_ lease: Lease, result: Data) async throws(QueueError) {
        try Self.single(await complete([JobCompletion(lease: lease, result: result)]), lease)
    }

    public func fail(_ lease: Lease, error: JobErrorInfo, retryable: Bool) async throws(QueueError) {
        try Self.single(await fail([JobFailure(lease: lease, error: error, retryable: retryable)]), lease)
    }

    public func release(_ lease: Lease) async throws(QueueError) {
        try Self.single(await release([lease]), lease)
    }

    /// Prunes jobs that finished longer than `age` ago by the queue's clock.
    public func prune(finishedOlderThan age: Duration) async throws(QueueError) -> Int {
        try await prune(finishedBefore: configuration.clock.now() - age)
    }

    private static func single(_ outcome: BatchOutcome<JobID>, _ lease: Lease) throws(QueueError) {
        if let error = outcome.refused[lease.jobID] { throw error }
    }
}
