import Foundation
import SpeechQueue
import Testing

/// Failures: backoff timing, dead after max attempts with the last error kept, non-retryable failures.
@Suite struct RetryConformanceTests {
    @Test(arguments: QueueBackend.allCases)
    func retryableFailureWaitsExponentialBackoffWithinJitter(_ backend: QueueBackend) async throws {
        try await backend.withQueue({
            $0.retry = RetryPolicy(initialDelay: .seconds(10), multiplier: 2, maximumDelay: .seconds(600), jitterFraction: 0.25)
        }) { queue, clock in
            let id = try await queue.enqueue(.named("flaky")).jobID
            for (attempt, base) in [(1, 10.0), (2, 20.0)] {
                let claimed = try #require(try await queue.claim(limit: 1).first)
                #expect(claimed.attempt == attempt)
                let failedAt = clock.now()
                try await queue.fail(claimed.lease, error: boom, retryable: true)
                let record = try #require(try await queue.job(id))
                #expect(record.state == .queued)
                let delay = (record.runAt - failedAt).seconds
                #expect(delay >= base * 0.75 && delay <= base * 1.25, "attempt \(attempt): delay \(delay) s")
                clock.set(record.runAt - .milliseconds(1))
                #expect(try await queue.claim(limit: 1).isEmpty, "not before the backoff")
                clock.set(record.runAt)
            }
            #expect(try await queue.claim(limit: 1).first?.attempt == 3)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func deadAfterMaxAttemptsKeepsLastError(_ backend: QueueBackend) async throws {
        try await backend.withQueue({ $0.retry.jitterFraction = 0 }) { queue, clock in
            let id = try await queue.enqueue(.named("bad", maxAttempts: 2)).jobID
            for attempt in 1...2 {
                let claimed = try #require(try await queue.claim(limit: 1).first)
                try await queue.fail(claimed.lease, error: JobErrorInfo(code: "boom", message: "attempt \(attempt)"),
                                     retryable: true)
                clock.advance(by: .seconds(3600))
            }
            let record = try #require(try await queue.job(id))
            #expect(record.state == .dead)
            #expect(record.attempts == 2)
            #expect(record.lastError == JobErrorInfo(code: "boom", message: "attempt 2"))
            #expect(try await queue.claim(limit: 1).isEmpty)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func nonRetryableFailureEndsFailed(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("empty.wav")).jobID
            let claimed = try #require(try await queue.claim(limit: 1).first)
            try await queue.fail(claimed.lease, error: JobErrorInfo(code: "empty", message: "no samples"), retryable: false)
            let record = try #require(try await queue.job(id))
            #expect(record.state == .failed)
            #expect(record.lastError?.code == "empty")
            #expect(record.attempts == 1)
        }
    }
}
