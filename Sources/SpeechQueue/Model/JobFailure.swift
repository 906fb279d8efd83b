/// A failed run. Retryable failures are run again after a backoff until `maxAttempts`, then the job is dead;
/// a non-retryable failure (bad input: retrying cannot help) ends the job as failed at once.
public struct JobFailure: Sendable, Hashable {
    public let lease: Lease
    public let error: JobErrorInfo
    public let retryable: Bool
    public init(lease: Lease, error: JobErrorInfo, retryable: Bool) {
        self.lease = lease
        self.error = error
        self.retryable = retryable
    }
}
