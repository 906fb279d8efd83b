import CFFTW
import Synchronization

/// FFTW's planner keeps global state and is not thread-safe (FFTW manual, "Thread safety"):
/// every plan creation and destruction in the process goes through this one lock.
/// Executing an existing plan needs no lock, so workers only contend here at start-up.
enum FFTWPlanner {
    private static let lock = Mutex<Void>(())

    static func withLock<R>(_ body: () throws -> R) rethrows -> R {
        try lock.withLock { _ in try body() }
    }
}
