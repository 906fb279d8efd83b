import Foundation
import SpeechQueue
import Testing

/// Claims, leases, heartbeats and fencing, identical on every backend.
@Suite struct LeaseConformanceTests {
    @Test(arguments: QueueBackend.allCases)
    func jobRunsQueuedToRunningToSucceededWithResultKept(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            let receipt = try await queue.enqueue(.named("a"))
            #expect(receipt.created)
            #expect(try await queue.job(receipt.jobID)?.state == .queued)

            let claimed = try await queue.claim(limit: 10)
            #expect(claimed.map(\.jobID) == [receipt.jobID])
            #expect(claimed[0].name == "a")
            #expect(claimed[0].metadata == ["name": "a"])
            #expect(claimed[0].attempt == 1)
            let running = try #require(try await queue.job(receipt.jobID))
            #expect(running.state == .running)
            #expect(running.lease == claimed[0].lease)

            clock.advance(by: .seconds(1))
            try await queue.complete(claimed[0].lease, result: Data(#"{"schema":"speakwell.result/1"}"#.utf8))
            let done = try #require(try await queue.job(receipt.jobID))
            #expect(done.state == .succeeded)
            #expect(done.result == Data(#"{"schema":"speakwell.result/1"}"#.utf8))
            #expect(done.finishedAt == clock.now())
            #expect(try await queue.claim(limit: 10).isEmpty)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func batchedClaimTakesAtMostTheLimitAndEachJobOnce(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            _ = try await queue.enqueue((0..<25).map { JobRequest.named("\($0)") })
            let first = try await queue.claim(limit: 10)
            let second = try await queue.claim(limit: 10)
            let third = try await queue.claim(limit: 10)
            #expect(first.count == 10)
            #expect(second.count == 10)
            #expect(third.count == 5)
            #expect(Set((first + second + third).map(\.jobID)).count == 25)
            let outcome = try await queue.complete((first + second + third).map { JobCompletion(lease: $0.lease, result: Data()) })
            #expect(outcome.accepted.count == 25)
            #expect(outcome.refused.isEmpty)
            #expect(try await queue.stats().counts[.succeeded] == 25)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func expiredLeaseIsRedeliveredAndStaleWorkerIsFenced(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            let id = try await queue.enqueue(.named("x")).jobID
            let first = try #require(try await queue.claim(limit: 1).first)
            clock.advance(by: .seconds(29))
            #expect(try await queue.claim(limit: 1).isEmpty, "lease still valid")
            clock.advance(by: .seconds(2))
            let second = try #require(try await queue.claim(limit: 1).first)
            #expect(second.jobID == id)
            #expect(second.attempt == 2)
            #expect(second.lease.token > first.lease.token)

            await #expect { try await queue.complete(first.lease, result: Data("stale".utf8)) } throws: {
                ($0 as? QueueError)?.codeString == "lease_lost"
            }
            await #expect { _ = try await queue.heartbeat(first.lease) } throws: {
                ($0 as? QueueError)?.codeString == "lease_lost"
            }
            try await queue.complete(second.lease, result: Data("fresh".utf8))
            await #expect { try await queue.complete(first.lease, result: Data("stale".utf8)) } throws: {
                ($0 as? QueueError)?.codeString == "lease_lost"
            }
            #expect(try await queue.job(id)?.result == Data("fresh".utf8))
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func heartbeatExtendsTheLease(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            _ = try await queue.enqueue(.named("long"))
            let claimed = try #require(try await queue.claim(limit: 1).first)
            clock.advance(by: .seconds(20))
            let renewed = try await queue.heartbeat(claimed.lease)
            #expect(renewed.expiresAt == clock.now() + .seconds(30))
            clock.advance(by: .seconds(20))
            #expect(try await queue.claim(limit: 1).isEmpty, "renewed lease has 10 s left")
            clock.advance(by: .seconds(11))
            #expect(try await queue.claim(limit: 1).first?.jobID == claimed.jobID)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func repeatedCompletionWithSameLeaseIsAcceptedOnce(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("r")).jobID
            let claimed = try #require(try await queue.claim(limit: 1).first)
            try await queue.complete(claimed.lease, result: Data("1".utf8))
            try await queue.complete(claimed.lease, result: Data("2".utf8))
            #expect(try await queue.job(id)?.result == Data("1".utf8))
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func batchCompletionRefusesOnlyTheStaleLeases(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            _ = try await queue.enqueue([.named("a"), .named("b")])
            let old = try await queue.claim(limit: 2)
            clock.advance(by: .seconds(20))
            _ = try await queue.heartbeat(old[0].lease)
            clock.advance(by: .seconds(11))
            let again = try await queue.claim(limit: 2)
            #expect(again.map(\.jobID) == [old[1].jobID], "only the lease without heartbeat lapsed")
            let outcome = try await queue.complete(old.map { JobCompletion(lease: $0.lease, result: Data()) })
            #expect(Array(outcome.refused.keys) == [old[1].jobID])
            #expect(outcome.refused[old[1].jobID]?.codeString == "lease_lost")
            #expect(outcome.accepted == [old[0].jobID])
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func releasedJobRunsAgainWithoutUsingAnAttempt(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("handback", maxAttempts: 1)).jobID
            let first = try #require(try await queue.claim(limit: 1).first)
            try await queue.release(first.lease)
            #expect(try await queue.job(id)?.state == .queued)
            let second = try #require(try await queue.claim(limit: 1).first)
            #expect(second.attempt == 1)
            await #expect { try await queue.complete(first.lease, result: Data()) } throws: {
                ($0 as? QueueError)?.codeString == "lease_lost"
            }
            try await queue.complete(second.lease, result: Data())
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func workerThatKeepsDyingEndsDeadNotLooping(_ backend: QueueBackend) async throws {
        try await backend.withQueue({ $0.defaultMaxAttempts = 3 }) { queue, clock in
            let id = try await queue.enqueue(.named("poison")).jobID
            for attempt in 1...3 {
                let claimed = try #require(try await queue.claim(limit: 1).first, "attempt \(attempt)")
                #expect(claimed.attempt == attempt)
                clock.advance(by: .seconds(31))
            }
            #expect(try await queue.claim(limit: 1).isEmpty)
            let dead = try #require(try await queue.job(id))
            #expect(dead.state == .dead)
            #expect(dead.lastError == .leaseExpired)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func sweepingLapsedLeasesRequeuesThem(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            let id = try await queue.enqueue(.named("s")).jobID
            _ = try await queue.claim(limit: 1)
            clock.advance(by: .seconds(31))
            #expect(try await queue.expireLapsedLeases() == 1)
            let record = try #require(try await queue.job(id))
            #expect(record.state == .queued)
            #expect(record.lastError == .leaseExpired)
        }
    }
}
