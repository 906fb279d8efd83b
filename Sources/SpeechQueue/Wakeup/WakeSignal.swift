import Foundation

/// Wakes idle waiters in this process without busy polling: `signal()` resumes every current waiter,
/// and a signal that arrives while nobody waits is remembered, so a worker that found the queue empty
/// just before an enqueue does not sleep through it. Spurious wake-ups are possible and harmless.
public final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var nextWaiterID: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    /// Waits in progress, and those of them whose timeout (or cancellation) came before they were registered
    /// in `waiters`: a short timeout's timer can fire first, and the wait must then end at once, not hang.
    private var active: Set<UInt64> = []
    private var expired: Set<UInt64> = []

    public init() {}

    /// Resumes all waiters now (or the next one to arrive).
    public func signal() {
        let resumed: [CheckedContinuation<Void, Never>] = lock.withLock {
            pending = true
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for continuation in resumed { continuation.resume() }
    }

    /// Returns at the next signal (or at once if one is pending), after `timeout`, or when the task is cancelled.
    public func wait(timeout: Duration) async {
        let id: UInt64 = lock.withLock {
            nextWaiterID += 1
            active.insert(nextWaiterID)
            return nextWaiterID
        }
        let timer = Task { [weak self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            self?.resume(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = lock.withLock {
                    if expired.remove(id) != nil { return true }
                    if pending || Task.isCancelled {
                        pending = false
                        return true
                    }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            resume(id)
        }
        timer.cancel()
        lock.withLock {
            active.remove(id)
            expired.remove(id)
        }
    }

    private func resume(_ id: UInt64) {
        let continuation: CheckedContinuation<Void, Never>? = lock.withLock {
            if let waiter = waiters.removeValue(forKey: id) { return waiter }
            if active.contains(id) { expired.insert(id) }
            return nil
        }
        continuation?.resume()
    }
}
