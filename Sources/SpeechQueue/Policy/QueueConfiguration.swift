/// Policies shared by every backend. The defaults suit interactive scoring (jobs of about a second).
public struct QueueConfiguration: Sendable {
    /// How long a claimed job stays leased without a heartbeat before it is given to another worker.
    /// Heartbeat at a third of this.
    public var leaseDuration: Duration = .seconds(30)
    public var retry: RetryPolicy = .init()
    /// Runs per job (first run included) before a retryable failure or a lost lease makes it dead.
    public var defaultMaxAttempts: Int = 5
    /// Priority aging: a job of this priority is ordered as if it had become due this much earlier.
    /// A batch job therefore waits at most for interactive jobs that became due less than
    /// `headStart[.interactive]` after it: it cannot starve.
    public var headStart: [JobPriority: Duration] = [.interactive: .seconds(30), .batch: .zero]
    /// Longest sleep of an idle worker before it looks again: the fallback for wake-ups that cannot
    /// reach it (another process on SQLite, a lost NOTIFY) and for delayed jobs becoming due.
    public var pollInterval: Duration = .seconds(1)
    /// How often `waitForFinish` re-reads a job it has not heard about from this process.
    public var finishPollInterval: Duration = .milliseconds(100)
    public var clock: any QueueClock = SystemQueueClock()

    public init() {}

    public func headStart(for priority: JobPriority) -> Duration { headStart[priority] ?? .zero }
}
