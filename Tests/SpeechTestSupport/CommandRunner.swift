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
    /// a test must never wait for ever on a child. `exitCode` is 128 + N when signal N ended the child.
    /// `directory` is the child's working directory (default: the test's own).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil, timeoutSeconds: Double = 120) throws -> CommandResult {
        let output = try OutputPipe(), error = try OutputPipe()
        let child = try BackgroundProcess(executable: path(of: executable), arguments: arguments, environment: environment,
                                          directory: directory, standardOutput: output.writeEnd, standardError: error.writeEnd)
        output.closeWriteEnd()
        error.closeWriteEnd()
        // Both pipes are drained at once on their own threads: read one after the other, a child that
        // fills the second pipe (a chatty stderr) would block while we wait on the first.
        let outputData = PipeDrain(output.reader), errorData = PipeDrain(error.reader)
        guard let exitCode = child.wait(seconds: timeoutSeconds) else {
            child.stop(signal: SIGKILL, waitingAtMost: 10)
            throw CommandTimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeoutSeconds,
                                  standardError: String(decoding: errorData.collected(waitingAtMost: 2), as: UTF8.self))
        }
        return CommandResult(exitCode: exitCode,
                             standardOutput: String(decoding: outputData.collected(waitingAtMost: 10), as: UTF8.self),
                             standardError: String(decoding: errorData.collected(waitingAtMost: 10), as: UTF8.self))
    }

    /// Starts the executable in the background with its output discarded (or stderr appended to `log`);
    /// the caller must end it (`BackgroundProcess.stop`), normally with `defer`.
    public static func launch(_ executable: String, _ arguments: [String], extraEnvironment: [String: String] = [:],
                              directory: URL? = nil, log: URL? = nil) throws -> BackgroundProcess {
        var logDescriptor: Int32?
        if let log {
            let descriptor = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw BackgroundProcess.SpawnFailed(executable: log.path, errno: errno) }
            logDescriptor = descriptor
        }
        defer { if let logDescriptor { close(logDescriptor) } }
        return try BackgroundProcess(executable: path(of: executable), arguments: arguments,
                                     environment: ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 },
                                     directory: directory, standardError: logDescriptor)
    }

    /// A product of this package by name (`speakwell`), or any program by absolute path.
    static func path(of executable: String) -> String {
        executable.hasPrefix("/") ? executable : Fixtures.productsDirectory.appendingPathComponent(executable).path
    }
}

/// A pipe for a child's output: the write end goes to the child, the parent reads.
public final class OutputPipe: @unchecked Sendable {
    public let reader: FileHandle
    public private(set) var writeEnd: Int32

    public init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw BackgroundProcess.SpawnFailed(executable: "pipe", errno: errno) }
        // Only the child spawned for this pipe gets the write end (as its stdout or stderr), no other.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        reader = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
        writeEnd = descriptors[1]
    }

    /// The parent's copy must be closed once the child has it, or reading never sees the end.
    public func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    deinit { closeWriteEnd() }
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
        if done.wait(timeout: .now() + seconds) == .success { done.signal() }
        return lock.withLock { data }
    }
}
