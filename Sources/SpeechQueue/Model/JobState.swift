/// Where a job is in its life; see docs/queue.md for the transition diagram.
///
/// `failed` is a non-retryable failure (e.g. bad input); `dead` means retries ran out
/// (or the lease was lost too often, e.g. a recording that crashes every worker).
/// Raw values are stable: stored in both databases and printed by the CLI.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed, dead, cancelled

    /// A finished job never changes again (until it is pruned).
    public var isFinished: Bool {
        switch self {
        case .queued, .running: false
        case .succeeded, .failed, .dead, .cancelled: true
        }
    }
}
