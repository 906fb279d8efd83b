import Foundation
import SpeechAnalysis
import SpeechQueue
import SpeechWorker

/// Scores every item of a manifest through the job queue and writes each result once to the ledger.
///
/// Resuming is built from two idempotent halves: items already in the ledger are skipped, and every
/// submission carries the idempotency key `batch:<batchKey>:<item id>`, so re-submitting after a crash
/// finds the job the first run made (finished or not) instead of scoring the item twice.
/// A bad item (unreadable file, undecodable audio, a job that died) becomes an error line; it never stops
/// the batch.
public struct BatchRunner: Sendable {
    public let queue: any JobQueue
    public let recordings: RecordingStore
    /// Names this batch in idempotency keys; the same output folder must give the same key.
    public let batchKey: String
    /// Items submitted per queue transaction.
    public var submitChunk = 256
    /// Jobs followed at once with long-polls.
    public var followWindow = 32
    /// Attempts before an item's job is dead (nil = the queue's default, 5). Each lost lease (a worker killed
    /// or hung) uses one.
    public var maxAttempts: Int?

    public init(queue: any JobQueue, recordings: RecordingStore, batchKey: String) {
        self.queue = queue
        self.recordings = recordings
        self.batchKey = batchKey
    }

    /// A stable key for an output folder (the same folder resumes the same batch).
    public static func key(forOutputFolder folder: URL) -> String {
        String(RecordingStore.digest(of: Data(folder.standardizedFileURL.path.utf8)).hex.prefix(16))
    }

    public func run(_ manifest: BatchManifest, ledger: BatchLedger, reporter: ProgressReporter) async throws -> BatchProgress {
        let pending = manifest.items.filter { !ledger.finishedIDs.contains($0.id) }
        var progress = BatchProgress(total: manifest.items.count, resumed: manifest.items.count - pending.count)
        reporter.update(progress)
        var submitter = BatchSubmitter(recordings: recordings)
        var submitted: [(item: BatchItem, job: JobID)] = []
        for start in stride(from: 0, to: pending.count, by: submitChunk) {
            let chunk = pending[start..<min(start + submitChunk, pending.count)]
            var requests: [JobRequest] = [], owners: [BatchItem] = []
            for item in chunk {
                switch submitter.payload(for: item) {
                case .success(let payload):
                    requests.append(JobRequest(payload: payload.encoded(), metadata: ["batch_item": item.id],
                                               priority: .batch, idempotencyKey: "batch:\(batchKey):\(item.id)",
                                               maxAttempts: maxAttempts))
                    owners.append(item)
                case .failure(let failure):
                    try ledger.record(id: item.id, errorCode: failure.code, message: failure.message)
                    progress.done += 1
                    progress.failed += 1
                }
            }
            let receipts = try await queue.enqueue(requests)
            submitted += zip(owners, receipts.map(\.jobID)).map { ($0, $1) }
        }
        reporter.update(progress)
        try await follow(submitted, ledger: ledger, progress: &progress, reporter: reporter)
        ledger.synchronize()
        try BatchTables.write(rows: ledger.tableRows(), to: ledger.folder)
        return progress
    }

    /// Long-polls a sliding window of jobs in submission order (the queue runs equal-priority jobs in
    /// that order, so the window moves with the workers) and records each as it finishes.
    private func follow(_ jobs: [(item: BatchItem, job: JobID)], ledger: BatchLedger,
                        progress: inout BatchProgress, reporter: ProgressReporter) async throws {
        let queue = self.queue
        try await withThrowingTaskGroup(of: (BatchItem, JobRecord?).self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count else { return }
                let (item, job) = jobs[next]
                next += 1
                group.addTask {
                    while true {
                        let record = try await queue.waitForFinish(job, timeout: .seconds(10))
                        if record == nil || record?.state.isFinished == true { return (item, record) }
                    }
                }
            }
            for _ in 0..<followWindow { startNext() }
            while let (item, record) = try await group.next() {
                try self.record(item: item, record, into: ledger, progress: &progress)
                reporter.update(progress)
                startNext()
            }
        }
    }

    private func record(item: BatchItem, _ record: JobRecord?, into ledger: BatchLedger,
                        progress: inout BatchProgress) throws {
        progress.done += 1
        guard let record else {
            progress.failed += 1
            try ledger.record(id: item.id, errorCode: "jobLost", message: "the job was pruned from the queue before its result was read; run the batch again")
            return
        }
        // The worker's JSON goes to the ledger as it is; only its schema and duration are read here.
        if record.state == .succeeded, let data = record.result, let probe = try? JSONDecoder().decode(ResultProbe.self, from: data),
           probe.schema == ResultDocument.schemaIdentifier {
            progress.audioSeconds += probe.audio.durationSeconds
            try ledger.record(id: item.id, resultJSON: data)
            return
        }
        progress.failed += 1
        // A "succeeded" job whose result is not a result document ends up here too.
        let error = record.finalError ?? record.lastError
            ?? JobErrorInfo(code: record.state.rawValue, message: "the job ended \(record.state.rawValue)")
        try ledger.record(id: item.id, errorCode: error.code, message: error.message)
    }
}

/// The two fields of a result document the runner reads (decoding the whole document would cost more than
/// writing it to the ledger).
private struct ResultProbe: Decodable {
    struct Audio: Decodable {
        var durationSeconds: Double
        enum CodingKeys: String, CodingKey { case durationSeconds = "duration_s" }
    }
    var schema: String
    var audio: Audio
}
