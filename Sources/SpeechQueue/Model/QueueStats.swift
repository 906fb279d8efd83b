/// A snapshot for dashboards and `speakwell queue stats`.
public struct QueueStats: Sendable, Equatable {
    /// Every state appears, with 0 when no job is in it.
    public var counts: [JobState: Int]
    /// How long the longest-waiting due queued job has been due; nil when nothing is due.
    public var oldestQueuedAge: Duration?
    public init(counts: [JobState: Int], oldestQueuedAge: Duration?) {
        var all = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        all.merge(counts) { _, new in new }
        self.counts = all
        self.oldestQueuedAge = oldestQueuedAge
    }
}
