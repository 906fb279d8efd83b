/// Where each unfinished item of a `--server` run is: waiting to be uploaded, uploading, accepted by the
/// service and awaiting its result, or finished (in the ledger). A value type driven by the runner's events;
/// it decides when to fetch results and which items the service has lost, and tests drive it without a
/// server (`ServerBatchTrackerTests`).
struct ServerBatchTracker: Sendable {
    struct Batch: Sendable {
        let id: String
        let exercise: String
        fileprivate var toUpload: [BatchItem]
        fileprivate var nextUpload = 0
        fileprivate(set) var uploading: Set<String> = []
        fileprivate(set) var awaiting: Set<String>
        /// Items of this run in this batch: sets the step of results fetches.
        let planned: Int
    }

    private(set) var batches: [Batch]
    private var batchOfItem: [String: Int] = [:]

    /// `batchIDs[i]` is the service's batch for `plan.groups[i]`; empty groups are left out.
    init(plan: ServerBatchPlan, batchIDs: [String]) {
        precondition(plan.groups.count == batchIDs.count)
        batches = zip(plan.groups, batchIDs).filter { !$0.0.isEmpty }.map { group, id in
            Batch(id: id, exercise: group.exercise, toUpload: group.toUpload, awaiting: Set(group.awaiting),
                  planned: group.toUpload.count + group.awaiting.count)
        }
        for (index, batch) in batches.enumerated() {
            for item in batch.toUpload { batchOfItem[item.id] = index }
            for id in batch.awaiting { batchOfItem[id] = index }
        }
    }

    /// Every item finished.
    var isFinished: Bool {
        batches.allSatisfy { $0.nextUpload == $0.toUpload.count && $0.uploading.isEmpty && $0.awaiting.isEmpty }
    }

    /// The next item to upload (manifest order, batch after batch), now counted as uploading.
    mutating func nextUpload() -> (item: BatchItem, batch: String)? {
        guard let index = batches.firstIndex(where: { $0.nextUpload < $0.toUpload.count }) else { return nil }
        let item = batches[index].toUpload[batches[index].nextUpload]
        batches[index].nextUpload += 1
        batches[index].uploading.insert(item.id)
        return (item, batches[index].id)
    }

    /// The service answered 202 for the item: its result is now awaited.
    mutating func accepted(_ id: String) {
        guard let index = batchOfItem[id] else { return }
        batches[index].uploading.remove(id)
        batches[index].awaiting.insert(id)
    }

    /// The upload ended without the service taking the item (refused, unreadable file): it is finished,
    /// with its error in the ledger.
    mutating func refused(_ id: String) {
        guard let index = batchOfItem[id] else { return }
        batches[index].uploading.remove(id)
    }

    /// The item's result line is in the ledger. False when it was not awaited (a line of an item finished
    /// before, or not of this manifest): the caller must not record it again.
    mutating func finished(_ id: String) -> Bool {
        guard let index = batchOfItem[id] else { return false }
        return batches[index].awaiting.remove(id) != nil
    }

    func batch(_ id: String) -> Batch? { batches.first { $0.id == id } }

    /// Nothing of the batch is left to upload or uploading: the service has every item it will get.
    func isQuiet(_ id: String) -> Bool {
        guard let batch = batch(id) else { return true }
        return batch.nextUpload == batch.toUpload.count && batch.uploading.isEmpty
    }

    /// The batch still has items whose result is awaited, or may get some (uploads left).
    func needsPolling(_ id: String) -> Bool {
        guard let batch = batch(id) else { return false }
        return !batch.awaiting.isEmpty || !isQuiet(id)
    }

    /// Whether to fetch the batch's results now, given the service's count of its items still queued or running.
    /// Results are fetched in steps of about a twentieth of the batch, for the tail (everything uploaded and
    /// nothing left unfinished), or when some wait for more than `maximumWaitSeconds`: about 20 fetches per
    /// batch, not one per item, even when the service analyses faster than the client uploads. Each fetch
    /// reads only the results after the batch's cursor (older services: the whole listing).
    func shouldFetchResults(_ id: String, unfinishedOnServer: Int, secondsSinceLastFetch: Double,
                            maximumWaitSeconds: Double = 30) -> Bool {
        guard let batch = batch(id) else { return false }
        // Items another run uploaded and this one re-sent count as unfinished too: an underestimate, never more.
        let finishedThere = batch.awaiting.count - max(unfinishedOnServer, 0)
        guard finishedThere > 0 else { return false }
        if isQuiet(id) && unfinishedOnServer <= 0 { return true }
        return finishedThere >= max(1, batch.planned / 20) || secondsSinceLastFetch >= maximumWaitSeconds
    }

    /// After a results fetch that followed a progress answer with nothing queued or running, asked while the
    /// batch was quiet: the service has finished every item, so an item still awaited has no result there
    /// (its job was pruned past retention, or its result was unreadable). Those items are returned and
    /// counted as finished; the caller records each as an error.
    mutating func lost(in id: String) -> [String] {
        guard let index = batches.firstIndex(where: { $0.id == id }) else { return [] }
        let lost = batches[index].awaiting.sorted()
        batches[index].awaiting.removeAll()
        return lost
    }
}
