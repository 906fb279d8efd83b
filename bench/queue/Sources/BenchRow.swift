import Foundation

/// One line of the bench table.
struct BenchRow {
    var backend: String
    var workers: Int
    var enqueuePerSecond: Double
    var claimCompletePerSecond: Double
    var endToEndPerSecond: Double
    var latency: IdleLatency.Result?

    static func table(_ rows: [BenchRow], arguments: BenchArguments) -> String {
        func ms(_ d: Duration?) -> String { d.map { String(format: "%.2f", $0.seconds * 1000) } ?? "-" }
        func rate(_ r: Double) -> String { String(format: "%.0f", r) }
        var lines = [
            "no-op jobs: \(arguments.jobs) per run, claim/complete batch \(arguments.batch), enqueue batch \(arguments.enqueueBatch); idle latency over \(arguments.latencySamples) jobs",
            "",
            "| backend  | workers | enqueued/s | claimed+completed/s | end-to-end jobs/s | idle enqueue->start p50 ms | p99 ms |",
            "|----------|--------:|-----------:|--------------------:|------------------:|---------------------------:|-------:|",
        ]
        for row in rows {
            lines.append("| \(row.backend.padding(toLength: 8, withPad: " ", startingAt: 0)) | \(row.workers) | \(rate(row.enqueuePerSecond)) | \(rate(row.claimCompletePerSecond)) | \(rate(row.endToEndPerSecond)) | \(ms(row.latency?.p50)) | \(ms(row.latency?.p99)) |")
        }
        return lines.joined(separator: "\n")
    }
}
