import Foundation
import SpeechQueue

/// Enqueue-to-start latency on an idle queue: one worker asleep in `waitForWork`, one job at a time.
enum IdleLatency {
    struct Result { var p50: Duration; var p99: Duration }

    static func measure(_ queue: any JobQueue, samples: Int) async throws -> Result {
        let started = LatencyLog()
        let worker = Task {
            var seen = 0
            while seen < samples {
                let claimed = try await queue.claim(limit: 1)
                if claimed.isEmpty {
                    await queue.waitForWork(timeout: .seconds(1))
                    continue
                }
                let now = ContinuousClock.now
                for job in claimed { started.record(job.jobID, at: now) }
                _ = try await queue.complete(claimed.map { JobCompletion(lease: $0.lease, result: Data()) })
                seen += claimed.count
            }
        }
        var latencies: [Duration] = []
        for _ in 0..<samples {
            try await Task.sleep(for: .milliseconds(20))
            let submitted = ContinuousClock.now
            let id = try await queue.enqueue(JobRequest(payload: Data("noop".utf8))).jobID
            latencies.append(try await started.wait(for: id) - submitted)
        }
        try await worker.value
        latencies.sort()
        return Result(p50: latencies[latencies.count / 2], p99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
    }
}

/// When the worker started each job; the producer polls it briefly (only the producer waits here).
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [JobID: ContinuousClock.Instant] = [:]

    func record(_ id: JobID, at instant: ContinuousClock.Instant) { lock.withLock { starts[id] = instant } }

    func wait(for id: JobID) async throws -> ContinuousClock.Instant {
        while true {
            if let instant = lock.withLock({ starts[id] }) { return instant }
            try await Task.sleep(for: .microseconds(200))
        }
    }
}
