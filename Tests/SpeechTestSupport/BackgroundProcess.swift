import Foundation

/// A child started by `CommandRunner.launch` (a `speakwell worker`, say) that a test ends itself.
///
/// Every wait here is bounded and does not rely on Foundation alone to notice the exit: on Linux,
/// `Process` learns of it when a socket the child inherited reaches EOF, and a grandchild that inherited
/// that socket too (swift-backtrace, started by a crashing child, hung after its parent was SIGKILLed)
/// keeps it open for ever, so `waitUntilExit()` never returned and CI hung. We therefore also reap the
/// child ourselves with `waitpid(WNOHANG)`.
public final class BackgroundProcess: @unchecked Sendable {
    public let process: Process
    private let lock = NSLock()
    private var status: Int32?

    init(process: Process) { self.process = process }

    public var processIdentifier: Int32 { process.processIdentifier }

    /// Exit code, or 128 + signal number when a signal ended it (the shell's convention); nil while running.
    public var exitCode: Int32? {
        _ = poll()
        return lock.withLock { status }
    }

    public var isRunning: Bool { poll() == nil }

    /// Waits at most `seconds` for the exit; returns the exit code, or nil when it is still running.
    @discardableResult
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let code = poll() { return code }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Sends `signal` (SIGTERM: graceful; SIGKILL: a crash) and waits at most `seconds` for the exit, then
    /// SIGKILLs it; returns whether it exited within `seconds`. Safe to call twice.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, waitingAtMost seconds: Double = 30) -> Bool {
        guard isRunning else { return true }
        kill(processIdentifier, signal)
        if wait(seconds: seconds) != nil { return true }
        kill(processIdentifier, SIGKILL)
        wait(seconds: 10)
        return false
    }

    /// The exit code once the child has ended, from Foundation or from our own `waitpid`.
    private func poll() -> Int32? {
        lock.withLock {
            if let status { return status }
            if !process.isRunning {
                let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus
                                                                        : process.terminationStatus
                status = code
                return code
            }
            var raw: Int32 = 0
            guard waitpid(process.processIdentifier, &raw, WNOHANG) == process.processIdentifier else { return nil }
            // WIFEXITED / WTERMSIG are C macros Swift does not import.
            let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            status = code
            return code
        }
    }
}
