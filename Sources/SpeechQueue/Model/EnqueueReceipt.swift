/// The answer to one submission: the job's id and whether this call made it (false: the idempotency key
/// already named a job, which is returned instead).
public struct EnqueueReceipt: Hashable, Sendable {
    public let jobID: JobID
    public let created: Bool
    public init(jobID: JobID, created: Bool) {
        self.jobID = jobID
        self.created = created
    }
}
