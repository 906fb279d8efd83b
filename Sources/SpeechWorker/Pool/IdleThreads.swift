/// The analysis threads that have no job: the claim loop takes them, finished jobs give them back.
/// Claims never ask for more jobs than there are idle threads, so a claimed job never waits for a thread
/// (its lease runs while it waits).
actor IdleThreads {
    private var free: [AnalysisThread]
    private var waiter: CheckedContinuation<AnalysisThread?, Never>?
    private var closed = false

    init(_ threads: [AnalysisThread]) {
        free = threads
    }

    /// An idle thread, waiting for one if all are busy; nil once closed (shutdown). One caller at a time.
    func acquire() async -> AnalysisThread? {
        if closed { return nil }
        if let thread = free.popLast() { return thread }
        return await withCheckedContinuation { waiter = $0 }
    }

    /// Every other idle thread, without waiting.
    func takeAvailable() -> [AnalysisThread] {
        defer { free.removeAll() }
        return free
    }

    func giveBack(_ threads: [AnalysisThread]) {
        var threads = threads
        if let waiter, let first = threads.popLast() {
            self.waiter = nil
            waiter.resume(returning: first)
        }
        free.append(contentsOf: threads)
    }

    func close() {
        closed = true
        waiter?.resume(returning: nil)
        waiter = nil
    }
}
