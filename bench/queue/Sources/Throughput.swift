import Foundation
import SpeechQueue

/// Jobs per second: enqueue alone, then workers draining the backlog (claim + complete in batches),
/// then producer and workers together (enqueue -> claim -> complete, end to end).
enum Throughput {
    static func measure(_ queue: any JobQueue, backend: String, workers: Int, arguments: BenchArguments) async throws -> BenchRow {
        let jobs = arguments.jobs
        var start = ContinuousClock.now
        try await produce(queue, jobs: jobs, batch: arguments.enqueueBatch)
        let enqueueRate = Double(jobs) / (ContinuousClock.now - start).seconds

        start = ContinuousClock.now
        try await drain(queue, jobs: jobs, workers: workers, batch: arguments.batch)
        let drainRate = Double(jobs) / (ContinuousClock.now - start).seconds

        start = ContinuousClock.now
        async let produced: Void = produce(queue, jobs: jobs, batch: arguments.enqueueBatch)
        async let drained: Void = drain(queue, jobs: jobs, workers: workers, batch: arguments.batch)
        _ = try await (produced, drained)
        let endToEndRate = Double(jobs) / (ContinuousClock.now - start).seconds

        return BenchRow(backend: backend, workers: workers, enqueuePerSecond: enqueueRate,
                        claimCompletePerSecond: drainRate, endToEndPerSecond: endToEndRate)
    }

    static func produce(_ queue: any JobQueue, jobs: Int, batch: Int) async throws {
        var sent = 0
        while sent < jobs {
            let count = min(batch, jobs - sent)
            _ = try await queue.enqueue((0..<count).map { _ in JobRequest(payload: Data("noop".utf8), priority: .batch) })
            sent += count
        }
    }

    /// `workers` concurrent loops, each claiming up to `batch` jobs and completing them in one call.
    static func drain(_ queue: any JobQueue, jobs: Int, workers: Int, batch: Int) async throws {
        let done = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    while done.value < jobs {
                        let claimed = try await queue.claim(limit: batch)
                        if claimed.isEmpty {
                            await queue.waitForWork(timeout: .milliseconds(50))
                            continue
                        }
                        let outcome = try await queue.complete(claimed.map { JobCompletion(lease: $0.lease, result: Data("{}".utf8)) })
                        done.add(outcome.accepted.count)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// A shared count of completed jobs.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add(_ n: Int) { lock.withLock { count += n } }
}
