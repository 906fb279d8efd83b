/// One durable job queue, two backends (SQLite embedded, PostgreSQL for many machines), one conformance suite.
///
/// Delivery is at-least-once (a job whose worker dies is leased again); results are exactly-once because
/// every completion, failure and heartbeat carries the lease's fencing token and is refused once the lease
/// has moved on. Batched calls exist because single-row round trips cap a queue at hundreds of jobs per second.
///
/// Used by an HTTP server (enqueue, job, waitForFinish, cancel, stats) and by a worker pool (claim,
/// heartbeat, complete, fail, release, waitForWork). Nothing here knows about HTTP or audio.
public protocol JobQueue: Sendable {
    var configuration: QueueConfiguration { get }

    // MARK: Submitting and following jobs

    /// Stores new jobs in one transaction; a request whose idempotency key already names a job returns that job.
    /// Receipts are in request order. Concurrent submits of one key make exactly one job.
    func enqueue(_ requests: [JobRequest]) async throws(QueueError) -> [EnqueueReceipt]
    /// The job's current record (with its result once succeeded); nil when unknown or pruned.
    func job(_ id: JobID) async throws(QueueError) -> JobRecord?
    /// The records of many jobs, read in a few round trips (ids unknown or pruned are absent). For views of
    /// large batches: one `job` call per item would be one round trip each.
    func jobs(_ ids: [JobID]) async throws(QueueError) -> [JobID: JobRecord]
    /// Only the states of many jobs (ids unknown or pruned are absent): progress counts without reading
    /// the results, which are ~65 KiB per minute of audio.
    func states(of ids: [JobID]) async throws(QueueError) -> [JobID: JobState]
    /// How many jobs of one batch (metadata `JobRequest.batchMetadataKey` = `batch`) are in each state, from an
    /// index: a progress poll of a batch of half a million recordings costs one grouped count, not a read of
    /// every job. States without jobs are absent; pruned jobs are not counted.
    func stateCounts(batch: String) async throws(QueueError) -> [JobState: Int]
    /// Cancels a queued or running job and returns its record; throws `already_finished` for a finished one.
    func cancel(_ id: JobID) async throws(QueueError) -> JobRecord
    /// Returns once the job is finished (long-poll), or its current record after `timeout`; nil when unknown.
    func waitForFinish(_ id: JobID, timeout: Duration) async throws(QueueError) -> JobRecord?
    func stats() async throws(QueueError) -> QueueStats

    // MARK: Working

    /// Leases up to `limit` due jobs in one transaction, best first (priority with aging, then due time).
    /// Also re-queues (or kills) running jobs whose lease has lapsed.
    func claim(limit: Int) async throws(QueueError) -> [ClaimedJob]
    /// Renews leases; refused ones (moved on, cancelled) tell the worker to stop those jobs.
    func heartbeat(_ leases: [Lease]) async throws(QueueError) -> BatchOutcome<Lease>
    func complete(_ completions: [JobCompletion]) async throws(QueueError) -> BatchOutcome<JobID>
    func fail(_ failures: [JobFailure]) async throws(QueueError) -> BatchOutcome<JobID>
    /// Hands jobs back without using an attempt (graceful shutdown).
    func release(_ leases: [Lease]) async throws(QueueError) -> BatchOutcome<JobID>
    /// Returns when work may be available (an enqueue in this process, a NOTIFY) or after at most
    /// `min(timeout, configuration.pollInterval)`. Never busy-polls.
    func waitForWork(timeout: Duration) async

    // MARK: Maintenance

    /// Re-queues or kills running jobs whose lease has lapsed; `claim` does this too. Returns how many.
    func expireLapsedLeases() async throws(QueueError) -> Int
    /// Deletes finished jobs (and their results and idempotency keys) that finished before `cutoff`.
    func prune(finishedBefore cutoff: QueueTime) async throws(QueueError) -> Int
    /// Releases connections and background tasks; the queue must not be used afterwards.
    func close() async
}
