import Foundation

/// The job state machine as pure functions over `JobRecord` values.
///
/// Both backends load rows, call these, and write the rows back inside one transaction, so SQLite
/// and PostgreSQL cannot disagree about what a transition means; tests drive it without a database.
///
/// ```
/// queued --claim--> running --complete--> succeeded
///   ^                  |  \--fail(non-retryable)--> failed
///   |                  |  \--fail(retryable) or lease expiry, attempts exhausted--> dead
///   +--fail(retryable) / lease expiry / release (hand-back)--+
/// queued | running --cancel--> cancelled
/// ```
public struct JobLifecycle: Sendable {
    public var leaseDuration: Duration
    public var retry: RetryPolicy
    public var defaultMaxAttempts: Int
    public var headStart: [JobPriority: Duration]

    public init(configuration: QueueConfiguration) {
        leaseDuration = configuration.leaseDuration
        retry = configuration.retry
        defaultMaxAttempts = configuration.defaultMaxAttempts
        headStart = configuration.headStart
    }

    /// Claim order key: earlier is first; a priority's head start moves it forward (aging, see `QueueConfiguration`).
    public func sortKey(runAt: QueueTime, priority: JobPriority) -> Int64 {
        runAt.microseconds - (headStart[priority] ?? .zero).wholeMicroseconds
    }

    /// A new queued job.
    public func makeJob(_ request: JobRequest, id: JobID = JobID(), now: QueueTime) throws(QueueError) -> JobRecord {
        let maxAttempts = request.maxAttempts ?? defaultMaxAttempts
        guard maxAttempts >= 1 else { throw .invalidRequest("maxAttempts \(maxAttempts): must be at least 1") }
        if let key = request.idempotencyKey, key.isEmpty || key.utf8.count > 200 {
            throw .invalidRequest("idempotency key must be 1 to 200 bytes long")
        }
        let runAt = max(request.runAt ?? now, now)
        return JobRecord(
            id: id, idempotencyKey: request.idempotencyKey, priority: request.priority, state: .queued,
            payload: request.payload, metadata: request.metadata, attempts: 0, maxAttempts: maxAttempts,
            leaseToken: .none, leaseExpiresAt: nil, runAt: runAt,
            sortKey: sortKey(runAt: runAt, priority: request.priority), lastError: nil, result: nil,
            createdAt: now, updatedAt: now, startedAt: nil, finishedAt: nil)
    }

    /// queued (and due) -> running under a new lease with a larger fencing token.
    public func claim(_ job: inout JobRecord, now: QueueTime) throws(QueueError) -> ClaimedJob {
        guard job.state == .queued, job.runAt <= now else { throw .notDue(job.id) }
        job.state = .running
        job.attempts += 1
        job.leaseToken = job.leaseToken.next
        job.leaseExpiresAt = now + leaseDuration
        job.startedAt = job.startedAt ?? now
        job.updatedAt = now
        return ClaimedJob(lease: job.lease!, payload: job.payload, metadata: job.metadata, priority: job.priority,
                          attempt: job.attempts, maxAttempts: job.maxAttempts)
    }

    /// Extends a running job's lease; refused unless `token` is the current lease.
    /// An expired lease that nobody has taken over yet is still the current one and may be renewed.
    public func heartbeat(_ job: inout JobRecord, token: LeaseToken, now: QueueTime) throws(QueueError) -> Lease {
        try checkLease(job, token: token)
        job.leaseExpiresAt = now + leaseDuration
        job.updatedAt = now
        return job.lease!
    }

    /// running -> succeeded with the result. Repeating the same completion (a retry after a lost
    /// commit acknowledgement) is accepted and changes nothing; any other stale token is refused.
    public func complete(_ job: inout JobRecord, token: LeaseToken, result: Data, now: QueueTime) throws(QueueError) {
        if job.state == .succeeded, job.leaseToken == token { return }
        try checkLease(job, token: token)
        job.state = .succeeded
        job.result = result
        finish(&job, now: now)
    }

    /// running -> failed (not retryable), dead (attempts exhausted) or queued again after a backoff.
    public func fail(_ job: inout JobRecord, token: LeaseToken, error: JobErrorInfo, retryable: Bool,
                     now: QueueTime, jitterUnit: Double) throws(QueueError) {
        try checkLease(job, token: token)
        job.lastError = error
        if !retryable {
            job.state = .failed
            finish(&job, now: now)
        } else if job.attempts >= job.maxAttempts {
            job.state = .dead
            finish(&job, now: now)
        } else {
            requeue(&job, runAt: now + retry.delay(afterFailedAttempts: job.attempts, jitterUnit: jitterUnit), now: now)
        }
    }

    /// A running job whose lease ran out (worker crashed or hung): queued again at once, or dead when it
    /// has used its attempts, so a recording that kills every worker ends dead instead of looping.
    /// Returns false (and changes nothing) when the lease has not expired.
    @discardableResult
    public func expireLease(_ job: inout JobRecord, now: QueueTime) -> Bool {
        guard job.state == .running, let expiry = job.leaseExpiresAt, expiry <= now else { return false }
        job.lastError = .leaseExpired
        if job.attempts >= job.maxAttempts {
            job.state = .dead
            finish(&job, now: now)
        } else {
            requeue(&job, runAt: now, now: now)
        }
        return true
    }

    /// running -> queued without using up an attempt: a worker shutting down hands its job back.
    public func release(_ job: inout JobRecord, token: LeaseToken, now: QueueTime) throws(QueueError) {
        try checkLease(job, token: token)
        job.attempts -= 1
        requeue(&job, runAt: now, now: now)
    }

    /// queued | running -> cancelled. A running job's worker learns it on its next heartbeat or completion.
    public func cancel(_ job: inout JobRecord, now: QueueTime) throws(QueueError) {
        guard !job.state.isFinished else { throw .alreadyFinished(job.id, state: job.state) }
        job.state = .cancelled
        finish(&job, now: now)
    }

    private func checkLease(_ job: JobRecord, token: LeaseToken) throws(QueueError) {
        if job.state == .cancelled { throw .cancelled(job.id) }
        guard job.state == .running, job.leaseToken == token else {
            throw .leaseLost(job.id, token: token, state: job.state, currentToken: job.leaseToken)
        }
    }

    private func requeue(_ job: inout JobRecord, runAt: QueueTime, now: QueueTime) {
        job.state = .queued
        job.leaseExpiresAt = nil
        job.runAt = runAt
        job.sortKey = sortKey(runAt: runAt, priority: job.priority)
        job.updatedAt = now
    }

    private func finish(_ job: inout JobRecord, now: QueueTime) {
        job.leaseExpiresAt = nil
        job.finishedAt = now
        job.updatedAt = now
    }
}
