import Foundation

/// Runs a built executable of this package (e.g. `speakwell`) and captures what it printed.
public struct CommandResult: Sendable {
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String
}

/// A child process that outlived its time limit; it has been killed with SIGKILL.
public struct CommandTimedOut: Error, CustomStringConvertible {
    public let command: String
    public let seconds: Double
    public let standardError: String
    public var description: String { "\(command) did not finish within \(seconds) s and was killed; its stderr:\n\(standardError)" }
}

public enum CommandRunner {
    /// Runs the executable to completion, or kills it after `timeoutSeconds` and throws `CommandTimedOut`:
    /// a test must never wait for ever on a child (CI once hung 90 minutes on one). `exitCode` is 128 + N
    /// when signal N ended the child.
    /// `directory` is the child's working directory (default: the test's own).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil, timeoutSeconds: Double = 120) throws -> CommandResult {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let child = BackgroundProcess(process: process)
        // Both pipes are drained at once on their own threads: read one after the other, a child that
        // fills the second pipe (a chatty stderr) would block while we wait on the first.
        let outputData = PipeDrain(output.fileHandleForReading), errorData = PipeDrain(error.fileHandleForReading)
        guard let exitCode = child.wait(seconds: timeoutSeconds) else {
            child.stop(signal: SIGKILL, waitingAtMost: 10)
            throw CommandTimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeoutSeconds,
                                  standardError: String(decoding: errorData.collected(waitingAtMost: 2), as: UTF8.self))
        }
        return CommandResult(exitCode: exitCode,
                             standardOutput: String(decoding: outputData.collected(waitingAtMost: 10), as: UTF8.self),
                             standardError: String(decoding: errorData.collected(waitingAtMost: 10), as: UTF8.self))
    }

    /// Starts the executable in the background with its output discarded (or appended to `log`); the caller
    /// must end it (`BackgroundProcess.stop`), normally with `defer`.
    public static func launch(_ executable: String, _ arguments: [String], extraEnvironment: [String: String] = [:],
                              directory: URL? = nil, log: URL? = nil) throws -> BackgroundProcess {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        if let log {
            if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            process.standardError = handle
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return BackgroundProcess(process: process)
    }
}

/// Reads one pipe to its end on its own thread.
private final class PipeDrain: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let bytes = handle.readDataToEndOfFile()
            lock.withLock { data = bytes }
            done.signal()
        }
    }

    /// What the pipe delivered; empty if it has not reached its end within `seconds` (a grandchild holding it).
    func collected(waitingAtMost seconds: Double) -> Data {
        _ = done.wait(timeout: .now() + seconds)
        return lock.withLock { data }
    }
}
