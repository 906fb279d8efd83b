import Foundation
import SpeechQueue

/// One dedicated OS thread running CPU-bound analysis, never a NIO event loop or a Swift concurrency
/// pool thread: a 20 s recording keeps a core busy for a good while and must not stall network I/O.
///
/// The thread makes its `JobRunner` (and so its FFT plans) once, then takes work items one at a time.
final class AnalysisThread: @unchecked Sendable {
    private typealias WorkItem = @Sendable (JobRunner) -> Void

    private let condition = NSCondition()
    private var items: [WorkItem] = []
    private var stopping = false
    private var exited = false
    private let recordings: RecordingStore
    private let configuration: WorkerPoolConfiguration

    init(name: String, recordings: RecordingStore, configuration: WorkerPoolConfiguration) {
        self.recordings = recordings
        self.configuration = configuration
        let thread = Thread { [self] in
            let runner = JobRunner(recordings: recordings, configuration: configuration)
            while let item = next() {
                item(runner)
            }
        }
        thread.name = name
        thread.stackSize = configuration.threadStackBytes
        thread.start()
    }

    /// Runs `work` on this thread and returns its value; the caller suspends, it does not block.
    func perform<T: Sendable>(_ work: @escaping @Sendable (JobRunner) -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let item: WorkItem = { runner in continuation.resume(returning: work(runner)) }
            condition.lock()
            if exited {
                // Work handed over after the pool stopped (a claim racing shutdown) still gets an answer,
                // on a one-off thread, rather than suspending its caller forever.
                condition.unlock()
                let (recordings, configuration) = (recordings, configuration)
                let thread = Thread { item(JobRunner(recordings: recordings, configuration: configuration)) }
                thread.stackSize = configuration.threadStackBytes
                thread.start()
                return
            }
            items.append(item)
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the thread end after the items already given to it.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func next() -> WorkItem? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !stopping { condition.wait() }
        if items.isEmpty {
            exited = true
            return nil
        }
        return items.removeFirst()
    }
}
