/// How a `--server` run went, beyond the counts every batch has: which service batches it used and how
/// many recordings it sent (a rerun sends none of those the service had accepted before).
public struct ServerBatchOutcome: Sendable {
    public var progress: BatchProgress
    /// The service's batch ids, one per exercise, in manifest order.
    public var batchIDs: [String] = []
    /// Recordings this run uploaded and the service accepted (202).
    public var uploaded = 0
    /// Items the service had accepted in an earlier run, whose results this run only awaited.
    public var acceptedBefore = 0

    /// `service batch 4f1c… on http://…: 812 recordings uploaded now, 188 accepted in an earlier run`
    public func line(server: ServerAddress) -> String {
        let batches = batchIDs.isEmpty ? "no service batch needed" : "service batch \(batchIDs.joined(separator: ", "))"
        return "\(batches) on \(server): \(uploaded) recordings uploaded now, \(acceptedBefore) accepted in an earlier run"
    }
}
