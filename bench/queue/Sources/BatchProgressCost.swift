import Foundation
import SpeechQueue

/// What one progress poll of a large batch costs the queue: the states of every job read by id (what the
/// batch route did before `stateCounts`) against one indexed grouped count. The queue holds two batches of
/// `jobs` jobs each, half of the measured one finished.
enum BatchProgressCost {
    struct Result { var backend: String; var jobs: Int; var byID: Duration; var counted: Duration }

    static func measure(_ queue: any JobQueue, backend: String, jobs: Int, enqueueBatch: Int) async throws -> Result {
        var ids: [JobID] = []
        for batch in ["measured", "other"] {
            for start in stride(from: 0, to: jobs, by: enqueueBatch) {
                let requests = (start..<min(jobs, start + enqueueBatch)).map {
                    JobRequest(payload: Data(), metadata: ["batch": batch, "item": "\($0)"], priority: .batch)
                }
                let receipts = try await queue.enqueue(requests)
                if batch == "measured" { ids += receipts.map(\.jobID) }
            }
        }
        // Claims go in enqueue order, so the first half finished is the measured batch's.
        var finished = 0
        while finished < jobs / 2 {
            let claimed = try await queue.claim(limit: min(500, jobs / 2 - finished))
            _ = try await queue.complete(claimed.map { JobCompletion(lease: $0.lease, result: Data()) })
            finished += claimed.count
        }
        let clock = ContinuousClock()
        var byID = Duration.seconds(1_000_000), counted = Duration.seconds(1_000_000)
        for _ in 0..<3 {
            var states: [JobID: JobState] = [:]
            byID = min(byID, try await clock.measure { states = try await queue.states(of: ids) })
            var counts: [JobState: Int] = [:]
            counted = min(counted, try await clock.measure { counts = try await queue.stateCounts(batch: "measured") })
            guard states.count == jobs, counts.values.reduce(0, +) == jobs, counts[.succeeded] == jobs / 2 else {
                throw QueueError.invalidRequest("progress bench: counts disagree (\(states.count) states, \(counts))")
            }
        }
        return Result(backend: backend, jobs: jobs, byID: byID, counted: counted)
    }

    static func table(_ results: [Result]) -> String {
        func ms(_ d: Duration) -> String { String(format: "%.1f", d.seconds * 1000) }
        var lines = [
            "batch progress poll (queue side; best of 3): two batches of N jobs each, half of the measured one finished",
            "",
            "| backend  | N jobs | states of every job by id, ms | stateCounts(batch:), ms | ratio |",
            "|----------|-------:|------------------------------:|------------------------:|------:|",
        ]
        for r in results {
            lines.append("| \(r.backend.padding(toLength: 8, withPad: " ", startingAt: 0)) | \(r.jobs) | \(ms(r.byID)) | \(ms(r.counted)) | \(String(format: "%.0f", r.byID.seconds / max(r.counted.seconds, 1e-9)))x |")
        }
        return lines.joined(separator: "\n")
    }
}
