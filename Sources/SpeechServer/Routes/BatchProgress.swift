import Foundation
import SpeechQueue

/// A batch with its items counted by state (`GET /api/v1/batches/{id}`).
struct BatchProgress: Encodable {
    let id: String
    let name: String
    let exerciseID: String
    let operatorID: String
    let createdAt: Date
    private(set) var items = 0
    private(set) var audioSeconds = 0.0
    /// Items per job state: queued, running, succeeded, failed, dead, cancelled (and pruned, past retention).
    private(set) var states: [String: Int] = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
    /// Items whose analysis ended, one way or another.
    private(set) var finished = 0
    let results: String

    enum CodingKeys: String, CodingKey {
        case id, name, exerciseID = "exercise_id", operatorID = "operator_id", createdAt = "created_at", items
        case audioSeconds = "audio_s", states, finished, results
    }

    /// The state of an item whose job was pruned (past retention).
    static let pruned = "pruned"

    /// `counts`: the batch's jobs by state; the items beyond them count as pruned.
    init(_ batch: Batch, totals: BatchTotals, counts: [JobState: Int]) {
        id = batch.id
        name = batch.name
        exerciseID = batch.exerciseID
        operatorID = batch.operatorID
        createdAt = batch.createdAt
        results = "/api/v1/batches/\(batch.id)/results"
        items = totals.items
        audioSeconds = totals.audioSeconds
        for (state, count) in counts {
            states[state.rawValue, default: 0] += count
            if state.isFinished { finished += count }
        }
        let pruned = totals.items - counts.values.reduce(0, +)
        if pruned > 0 {
            states[Self.pruned, default: 0] += pruned
            finished += pruned
        }
    }

    mutating func count(_ item: BatchItem, state: String) {
        items += 1
        audioSeconds += item.durationSeconds
        states[state, default: 0] += 1
        if state != JobState.queued.rawValue && state != JobState.running.rawValue { finished += 1 }
    }
}

/// 202 body of an item upload.
struct BatchItemView: Encodable {
    let batchID: String
    let item: String
    let jobID: String
    let state: String
    let durationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", item, jobID = "job_id", state, durationSeconds = "duration_s"
    }

    init(_ item: BatchItem, job: JobRecord?) {
        batchID = item.batchID
        self.item = item.itemID
        jobID = item.jobID
        state = job?.state.rawValue ?? "pruned"
        durationSeconds = item.durationSeconds
    }
}

/// One line of a batch's results, shaped like the lines `speakwell batch` writes to results.jsonl.
enum BatchResultLine {
    static func make(item: String, job: JobRecord) -> Data? {
        switch job.state {
        case .queued, .running: return nil
        case .succeeded:
            guard let result = job.result,
                  var document = try? JSONSerialization.jsonObject(with: result) as? [String: Any] else { return nil }
            document["id"] = item
            return try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        case .failed, .dead, .cancelled:
            guard let error = job.finalError else { return nil }
            let line: [String: Any] = ["id": item, "error": ["code": error.code, "message": error.message]]
            return try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        }
    }
}
