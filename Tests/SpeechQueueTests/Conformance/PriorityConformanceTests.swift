import Foundation
import SpeechQueue
import Testing

/// Interactive practice goes first, and batch scoring still advances under steady interactive load.
@Suite struct PriorityConformanceTests {
    @Test(arguments: QueueBackend.allCases)
    func interactiveJobsAreClaimedBeforeEarlierBatchJobs(_ backend: QueueBackend) async throws {
        try await backend.withQueue { queue, clock in
            _ = try await queue.enqueue([.named("batch-1", priority: .batch), .named("batch-2", priority: .batch)])
            clock.advance(by: .seconds(1))
            _ = try await queue.enqueue(.named("interactive", priority: .interactive))
            let order = try await queue.claim(limit: 3).map(\.name)
            #expect(order == ["interactive", "batch-1", "batch-2"])
        }
    }

    @Test(arguments: QueueBackend.allCases)
    func batchJobIsNotStarvedBySteadyInteractiveLoad(_ backend: QueueBackend) async throws {
        try await backend.withQueue({ $0.headStart = [.interactive: .seconds(10), .batch: .zero] }) { queue, clock in
            let batch = try await queue.enqueue(.named("exam", priority: .batch)).jobID
            // One worker; every second a new student submits, so interactive work never runs out.
            _ = try await queue.enqueue(.named("student-0"))
            var claimedBatchAtSecond: Int?
            for second in 1...30 {
                clock.advance(by: .seconds(1))
                _ = try await queue.enqueue(.named("student-\(second)"))
                let next = try #require(try await queue.claim(limit: 1).first)
                try await queue.complete(next.lease, result: Data())
                if next.jobID == batch {
                    claimedBatchAtSecond = second
                    break
                }
            }
            let second = try #require(claimedBatchAtSecond, "batch job starved for 30 s")
            #expect(second <= 12, "batch job waited \(second) s with a 10 s interactive head start")
            #expect(second >= 9, "interactive work kept precedence within its head start (got \(second))")
        }
    }
}
