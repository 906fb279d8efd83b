import HTTPTypes
import SpeechQueue

/// The cursor of `GET /api/v1/batches/{id}/results?after=CURSOR&limit=N`: a page of results in upload order
/// that stops at the first item still queued or running, so a client that keeps passing the returned cursor
/// back gets every item's result exactly once, however the items finish. Plain logic, no I/O: the route feeds
/// it items and their jobs in upload order.
struct BatchResultsCursor {
    static let defaultLimit = 100
    /// A page is held in memory before it is sent (its cursor goes in a header): at ~65 KiB per minute of
    /// audio, 500 one-minute results are ~32 MiB.
    static let maximumLimit = 500
    static let nextCursorHeader = HTTPField.Name("Speakwell-Next-Cursor")!
    static let stateHeader = HTTPField.Name("Speakwell-Results")!

    /// Why a page ended.
    enum State: String {
        /// `limit` results were returned: ask again with the new cursor right away.
        case more
        /// The next item in upload order is still queued or running: ask again later.
        case waiting
        /// Every item uploaded so far is at or before the new cursor.
        case end
    }

    let limit: Int
    /// Upload sequence of the last item this page covers; what the client sends as `after` next.
    private(set) var position: Int64
    private(set) var returned = 0
    private(set) var state: State?

    /// `nil` when the request names neither `after` nor `limit` (the whole-batch listing).
    init?(after: String?, limit: String?) throws(APIError) {
        guard after != nil || limit != nil else { return nil }
        guard let position = Int64(after ?? "0"), position >= 0 else {
            throw .badRequest("`after` must be the `Speakwell-Next-Cursor` of an earlier page (or 0 for the first page)")
        }
        guard let limit = Int(limit ?? String(Self.defaultLimit)), (1...Self.maximumLimit).contains(limit) else {
            throw .badRequest("`limit` must be a whole number from 1 to \(Self.maximumLimit)")
        }
        self.position = position
        self.limit = limit
    }

    /// How many more items the next store read should fetch.
    var itemsWanted: Int { state == nil ? limit - returned : 0 }

    /// Feeds the next item in upload order with its job (`nil`: pruned past retention). Returns its results
    /// line when the page takes it. After the page has ended, every further item is ignored.
    mutating func take(sequence: Int64, item: String, job: JobRecord?) -> [UInt8]? {
        guard state == nil else { return nil }
        if let job, job.state == .queued || job.state == .running {
            state = .waiting
            return nil
        }
        // Pruned jobs and unreadable results have no line but are passed: nothing will ever come for them.
        position = sequence
        guard let job, let line = BatchResultLine.make(item: item, job: job) else { return nil }
        returned += 1
        if returned == limit { state = .more }
        return Array(line)
    }

    /// Called when the store had no more items after the last one fed.
    mutating func storeExhausted() {
        if state == nil { state = .end }
    }
}
