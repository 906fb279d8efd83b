import Foundation
import SpeechQueue
import Testing

/// The state machine alone, without a database: every transition and every refusal.
@Suite struct JobLifecycleTests {
    let start = QueueTime(microseconds: 1_000_000_000)
    var lifecycle: JobLifecycle = {
        var configuration = QueueConfiguration()
        configuration.leaseDuration = .seconds(30)
        configuration.defaultMaxAttempts = 3
        configuration.retry = RetryPolicy(initialDelay: .seconds(2), multiplier: 2, maximumDelay: .seconds(60), jitterFraction: 0)
        return JobLifecycle(configuration: configuration)
    }()

    func queued(_ request: JobRequest = JobRequest(payload: Data("p".utf8))) throws -> JobRecord {
        try lifecycle.makeJob(request, now: start)
    }

    @Test func newJobIsQueuedAndDueNow() throws {
        let job = try queued()
        #expect(job.state == .queued)
        #expect(job.runAt == start)
        #expect(job.attempts == 0)
        #expect(job.leaseToken == .none)
    }

    @Test func claimLeasesWithGrowingToken() throws {
        var job = try queued()
        let claimed = try lifecycle.claim(&job, now: start)
        #expect(job.state == .running)
        #expect(claimed.lease.token == LeaseToken(rawValue: 1))
        #expect(claimed.lease.expiresAt == start + .seconds(30))
        #expect(claimed.attempt == 1)
        #expect(throws: QueueError.notDue(job.id)) { try lifecycle.claim(&job, now: start) }
    }

    @Test func delayedJobCannotBeClaimedEarly() throws {
        var job = try queued(JobRequest(payload: Data(), runAt: start + .seconds(10)))
        #expect(throws: QueueError.self) { try lifecycle.claim(&job, now: start + .seconds(9)) }
        _ = try lifecycle.claim(&job, now: start + .seconds(10))
        #expect(job.state == .running)
    }

    @Test func completeStoresResultOnceAndIsIdempotentForSameToken() throws {
        var job = try queued()
        let lease = try lifecycle.claim(&job, now: start).lease
        try lifecycle.complete(&job, token: lease.token, result: Data("r".utf8), now: start + .seconds(1))
        #expect(job.state == .succeeded)
        #expect(job.result == Data("r".utf8))
        #expect(job.finishedAt == start + .seconds(1))
        try lifecycle.complete(&job, token: lease.token, result: Data("other".utf8), now: start + .seconds(2))
        #expect(job.result == Data("r".utf8))
    }

    @Test func staleTokenIsRefusedAfterReclaim() throws {
        var job = try queued()
        let first = try lifecycle.claim(&job, now: start).lease
        #expect(lifecycle.expireLease(&job, now: start + .seconds(31)))
        let second = try lifecycle.claim(&job, now: start + .seconds(31)).lease
        #expect(second.token > first.token)
        #expect(throws: QueueError.self) {
            try lifecycle.complete(&job, token: first.token, result: Data(), now: start + .seconds(32))
        }
        #expect(throws: QueueError.self) { _ = try lifecycle.heartbeat(&job, token: first.token, now: start + .seconds(32)) }
        try lifecycle.complete(&job, token: second.token, result: Data("2".utf8), now: start + .seconds(33))
        #expect(job.result == Data("2".utf8))
    }

    @Test func heartbeatExtendsLease() throws {
        var job = try queued()
        let lease = try lifecycle.claim(&job, now: start).lease
        let renewed = try lifecycle.heartbeat(&job, token: lease.token, now: start + .seconds(20))
        #expect(renewed.expiresAt == start + .seconds(50))
        #expect(!lifecycle.expireLease(&job, now: start + .seconds(31)))
        #expect(lifecycle.expireLease(&job, now: start + .seconds(50)))
    }

    @Test func retryableFailureBacksOffExponentiallyThenDies() throws {
        var job = try queued()
        var now = start
        for (attempt, delay) in [(1, 2.0), (2, 4.0)] {
            let lease = try lifecycle.claim(&job, now: now).lease
            try lifecycle.fail(&job, token: lease.token, error: JobErrorInfo(code: "boom", message: "\(attempt)"),
                               retryable: true, now: now, jitterUnit: 0.5)
            #expect(job.state == .queued)
            #expect(job.runAt == now + .seconds(delay))
            now = job.runAt
        }
        let lease = try lifecycle.claim(&job, now: now).lease
        try lifecycle.fail(&job, token: lease.token, error: JobErrorInfo(code: "boom", message: "3"),
                           retryable: true, now: now, jitterUnit: 0.5)
        #expect(job.state == .dead)
        #expect(job.lastError == JobErrorInfo(code: "boom", message: "3"))
        #expect(job.attempts == 3)
    }

    @Test func nonRetryableFailureEndsFailedAtOnce() throws {
        var job = try queued()
        let lease = try lifecycle.claim(&job, now: start).lease
        try lifecycle.fail(&job, token: lease.token, error: JobErrorInfo(code: "empty", message: "m"),
                           retryable: false, now: start, jitterUnit: 0)
        #expect(job.state == .failed)
        #expect(job.lastError?.code == "empty")
    }

    @Test func lostLeasesEndDeadAfterMaxAttempts() throws {
        var job = try queued()
        var now = start
        for _ in 1...3 {
            _ = try lifecycle.claim(&job, now: now)
            now = now + .seconds(31)
            #expect(lifecycle.expireLease(&job, now: now))
        }
        #expect(job.state == .dead)
        #expect(job.lastError == .leaseExpired)
    }

    @Test func releaseDoesNotUseAnAttemptButInvalidatesToken() throws {
        var job = try queued()
        let lease = try lifecycle.claim(&job, now: start).lease
        try lifecycle.release(&job, token: lease.token, now: start)
        #expect(job.state == .queued)
        #expect(job.attempts == 0)
        let next = try lifecycle.claim(&job, now: start).lease
        #expect(next.token > lease.token)
        #expect(throws: QueueError.self) { try lifecycle.complete(&job, token: lease.token, result: Data(), now: start) }
    }

    @Test func cancelQueuedAndRunningButNotFinished() throws {
        var queuedJob = try queued()
        try lifecycle.cancel(&queuedJob, now: start)
        #expect(queuedJob.state == .cancelled)
        #expect(throws: QueueError.alreadyFinished(queuedJob.id, state: .cancelled)) { try lifecycle.cancel(&queuedJob, now: start) }

        var running = try queued()
        let lease = try lifecycle.claim(&running, now: start).lease
        try lifecycle.cancel(&running, now: start)
        #expect(throws: QueueError.cancelled(running.id)) {
            try lifecycle.complete(&running, token: lease.token, result: Data(), now: start)
        }
    }

    @Test func interactiveSortsBeforeBatchOnlyWithinHeadStart() {
        let batchEarly = lifecycle.sortKey(runAt: start, priority: .batch)
        let interactiveSoonAfter = lifecycle.sortKey(runAt: start + .seconds(29), priority: .interactive)
        let interactiveMuchLater = lifecycle.sortKey(runAt: start + .seconds(31), priority: .interactive)
        #expect(interactiveSoonAfter < batchEarly)
        #expect(interactiveMuchLater > batchEarly)
    }

    @Test func jitterStaysWithinFraction() {
        let policy = RetryPolicy(initialDelay: .seconds(10), multiplier: 2, maximumDelay: .seconds(100), jitterFraction: 0.2)
        #expect(policy.delay(afterFailedAttempts: 1, jitterUnit: 0) == .seconds(8))
        #expect(policy.delay(afterFailedAttempts: 1, jitterUnit: 1) == .seconds(12))
        #expect(policy.delay(afterFailedAttempts: 10, jitterUnit: 0.5) == .seconds(100))
    }
}
