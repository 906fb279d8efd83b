import Foundation

/// A child started by `CommandRunner.launch` (a `speakwell worker`, say) that a test ends itself.
public final class BackgroundProcess: @unchecked Sendable {
    public let process: Process

    init(process: Process) { self.process = process }

    public var isRunning: Bool { process.isRunning }
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signal` (SIGTERM: graceful; SIGKILL: a crash) and waits at most `seconds` for the exit,
    /// then SIGKILLs it; returns whether it exited within `seconds`. Safe to call twice.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, waitingAtMost seconds: Double = 30) -> Bool {
        guard process.isRunning else { return true }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let exitedInTime = !process.isRunning
        if !exitedInTime { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return exitedInTime
    }
}
