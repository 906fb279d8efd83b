import Foundation
import SpeechQueue
import SpeechQueuePostgres
import SpeechQueueSQLite

// speakwell-queue-bench: no-op jobs through each backend; prints one table.
// Run by bench/queue/run (release build, throw-away PostgreSQL from scripts/with-postgres).

let arguments = BenchArguments(CommandLine.arguments.dropFirst())
var rows: [BenchRow] = []
var progress: [BatchProgressCost.Result] = []
for backend in arguments.backends {
    if backend == "postgres" && arguments.postgresURL == nil {
        FileHandle.standardError.write(Data("postgres: SPEAKWELL_TEST_POSTGRES_URL unset, skipped (use bench/queue/run)\n".utf8))
        continue
    }
    for workers in arguments.workerCounts {
        let queue = try await BenchQueueFactory.make(backend, arguments: arguments, workers: workers)
        let row = try await Throughput.measure(queue, backend: backend, workers: workers, arguments: arguments)
        await queue.close()
        rows.append(row)
        FileHandle.standardError.write(Data("  \(row.backend) x\(workers) done\n".utf8))
    }
    let queue = try await BenchQueueFactory.make(backend, arguments: arguments, workers: 1)
    let latency = try await IdleLatency.measure(queue, samples: arguments.latencySamples)
    await queue.close()
    for index in rows.indices where rows[index].backend == backend { rows[index].latency = latency }
    if arguments.progressJobs > 0 {
        let queue = try await BenchQueueFactory.make(backend, arguments: arguments, workers: 1)
        progress.append(try await BatchProgressCost.measure(queue, backend: backend, jobs: arguments.progressJobs,
                                                            enqueueBatch: arguments.enqueueBatch))
        await queue.close()
    }
}
print(BenchRow.table(rows, arguments: arguments))
if !progress.isEmpty { print("\n" + BatchProgressCost.table(progress)) }
