import Foundation
import SpeechQueue
import Testing

/// The server's side: idempotency, delayed start, cancellation, long-poll, stats, retention.
@Suite struct SubmissionConformanceTests {
    /// Many ids at once (more than one statement's worth on both backends), queued, running and finished
    /// jobs, and an unknown id: the bulk reads give what one `job` call per id gives.
    @Test(arguments: QueueBackend.allCases)
    func bulkReadsAgreeWithSingleReads(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let ids = try await queue.enqueue((0..<1203).map { JobRequest.named("\($0)") }).map(\.jobID)
            let claimed = try await queue.claim(limit: 7)
            let outcome = try await queue.complete(claimed.prefix(4).map { JobCompletion(lease: $0.lease, result: Data("r \($0.jobID)".utf8)) })
            #expect(outcome.accepted.count == 4)
            let unknown = JobID(UUID())
            let records = try await queue.jobs(ids + [unknown])
            let states = try await queue.states(of: ids + [unknown])
            #expect(records.count == 1203 && states.count == 1203)
            #expect(records[unknown] == nil && states[unknown] == nil)
            for id in [ids[0], ids[600], ids[1202]] + claimed.map(\.jobID) {
                let single = try await queue.job(id)
                #expect(records[id] == single)
                #expect(states[id] == single?.state)
            }
            #expect(states.values.filter { $0 == .succeeded }.count == 4)
            #expect(states.values.filter { $0 == .running }.count == 3)
            #expect(states.values.filter { $0 == .queued }.count == 1196)
            let none = try await queue.jobs([]), noStates = try await queue.states(of: [])
            #expect(none.isEmpty && noStates.isEmpty)
        }
    }

    /// Two batches and practice jobs in every state: each batch's counts are its own jobs' states, finished
    /// ones included (PostgreSQL moves those to another table), and an unknown batch counts nothing.
    @Test(arguments: QueueBackend.allCases)
    func batchCountsAreEachBatchsJobsByState(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            func job(_ name: String, batch: String?) -> JobRequest {
                JobRequest(payload: Data(name.utf8), metadata: batch.map { ["batch": $0, "item": name] } ?? ["item": name],
                           priority: batch == nil ? .interactive : .batch)
            }
            _ = try await queue.enqueue((0..<3).map { job("practice \($0)", batch: nil) })
            _ = try await queue.enqueue((0..<5).map { job("a\($0)", batch: "batch-a") } + (0..<2).map { job("b\($0)", batch: "batch-b") })
            // Of batch a, one succeeds, one fails for good, one is cancelled, one is handed back, one keeps running.
            let claimed = try await queue.claim(limit: 10)
            let batchA = claimed.filter { $0.name.hasPrefix("a") }.sorted { $0.name < $1.name }
            #expect(claimed.count == 10 && batchA.count == 5)
            _ = try await queue.complete([JobCompletion(lease: batchA[0].lease, result: Data())])
            _ = try await queue.fail([JobFailure(lease: batchA[1].lease, error: boom, retryable: false)])
            _ = try await queue.cancel(batchA[2].jobID)
            _ = try await queue.release([batchA[3].lease])
            let a = try await queue.stateCounts(batch: "batch-a")
            #expect(a == [.succeeded: 1, .failed: 1, .cancelled: 1, .queued: 1, .running: 1])
            #expect(try await queue.stateCounts(batch: "batch-b") == [.running: 2])
            #expect(try await queue.stateCounts(batch: "no such batch").isEmpty)
            #expect(JobRequest.batchMetadataKey == "batch")
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func concurrentDuplicateSubmitsMakeExactlyOneJob(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let receipts = try await withThrowingTaskGroup(of: EnqueueReceipt.self) { group in
                for index in 0..<40 {
                    group.addTask { try await queue.enqueue(.named("dup \(index)", key: "student-7/exercise-3/take-1")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(receipts.map(\.jobID)).count == 1)
            #expect(receipts.count(where: \.created) == 1)
            let stats = try await queue.stats()
            #expect(stats.counts.values.reduce(0, +) == 1)
            // Same key within one batch, and again after the job finished.
            let batch = try await queue.enqueue([.named("x", key: "k2"), .named("y", key: "k2")])
            #expect(batch[0].jobID == batch[1].jobID)
            #expect(batch.map(\.created) == [true, false])
            let claimed = try await queue.claim(limit: 10)
            let completed = try await queue.complete(claimed.map { JobCompletion(lease: $0.lease, result: Data()) })
            #expect(completed.refused.isEmpty)
            let again = try await queue.enqueue(.named("z", key: "k2"))
            #expect(again == EnqueueReceipt(jobID: batch[0].jobID, created: false))
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func delayedJobStartsAtRunAt(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            let runAt = clock.now() + .seconds(60)
            let id = try await queue.enqueue(.named("later", runAt: runAt)).jobID
            clock.advance(by: .seconds(59))
            #expect(try await queue.claim(limit: 1).isEmpty)
            #expect(try await queue.stats().oldestQueuedAge == nil, "not yet due")
            clock.advance(by: .seconds(1))
            #expect(try await queue.claim(limit: 1).first?.jobID == id)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func cancellingQueuedJobKeepsItFromRunning(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("c")).jobID
            #expect(try await queue.cancel(id).state == .cancelled)
            #expect(try await queue.claim(limit: 1).isEmpty)
            #expect(try await queue.job(id)?.state == .cancelled)
            await #expect { _ = try await queue.cancel(id) } throws: { ($0 as? QueueError)?.codeString == "already_finished" }
            await #expect { _ = try await queue.cancel(JobID()) } throws: { ($0 as? QueueError)?.codeString == "not_found" }
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func cancellingRunningJobStopsItsWorker(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("c")).jobID
            let claimed = try #require(try await queue.claim(limit: 1).first)
            #expect(try await queue.cancel(id).state == .cancelled)
            await #expect { _ = try await queue.heartbeat(claimed.lease) } throws: { ($0 as? QueueError)?.codeString == "cancelled" }
            await #expect { try await queue.complete(claimed.lease, result: Data()) } throws: {
                ($0 as? QueueError)?.codeString == "cancelled"
            }
            let record = try #require(try await queue.job(id))
            #expect(record.state == .cancelled)
            #expect(record.result == nil)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func waitForFinishReturnsWhenTheJobCompletes(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, _ in
            let id = try await queue.enqueue(.named("w")).jobID
            let claimed = try #require(try await queue.claim(limit: 1).first)
            let waiter = Task { try await queue.waitForFinish(id, timeout: .seconds(20)) }
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            try await queue.complete(claimed.lease, result: Data("done".utf8))
            let record = try await waiter.value
            #expect(record?.state == .succeeded)
            #expect(ContinuousClock.now - started < .seconds(5))
            let pending = try await queue.enqueue(.named("p")).jobID
            #expect(try await queue.waitForFinish(pending, timeout: .milliseconds(100))?.state == .queued)
            #expect(try await queue.waitForFinish(JobID(), timeout: .milliseconds(10)) == nil)
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func statsCountEveryStateAndOldestQueuedAge(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            _ = try await queue.enqueue([.named("a"), .named("b"), .named("c"), .named("d"), .named("e")])
            clock.advance(by: .seconds(5))
            let claimed = try await queue.claim(limit: 3)
            try await queue.complete(claimed[0].lease, result: Data())
            try await queue.fail(claimed[1].lease, error: boom, retryable: false)
            _ = try await queue.cancel(try await queue.enqueue(.named("f")).jobID)
            let stats = try await queue.stats()
            #expect(stats.counts == [.queued: 2, .running: 1, .succeeded: 1, .failed: 1, .dead: 0, .cancelled: 1])
            #expect(stats.oldestQueuedAge == .seconds(5))
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func pruneRemovesOnlyJobsFinishedBeforeTheCutoff(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            _ = try await queue.enqueue([.named("old", key: "old-key"), .named("new"), .named("waiting")])
            let claimed = try await queue.claim(limit: 2)
            let old = try #require(claimed.first { $0.name == "old" })
            let new = try #require(claimed.first { $0.name == "new" })
            try await queue.complete(old.lease, result: Data("r".utf8))
            clock.advance(by: .seconds(7200))
            try await queue.complete(new.lease, result: Data("r".utf8))
            #expect(try await queue.prune(finishedOlderThan: .seconds(3600)) == 1)
            #expect(try await queue.job(old.jobID) == nil)
            #expect(try await queue.job(new.jobID)?.state == .succeeded)
            #expect(try await queue.stats().counts[.queued] == 1)
            // A pruned job's idempotency key is free again.
            #expect(try await queue.enqueue(.named("old again", key: "old-key")).created)
        }
    }
}
