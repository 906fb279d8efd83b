import Foundation

/// Runs blocking work (child processes, waits, sleeps) on its own thread, so a test that drives real
/// processes for minutes does not hold one of Swift Concurrency's few cooperative threads (two on this
/// machine) and stall every async test running beside it.
public func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
