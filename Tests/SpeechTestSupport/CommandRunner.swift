import Foundation

/// Runs a built executable of this package (e.g. `speakwell`) and captures what it printed.
public struct CommandResult: Sendable {
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String
}

public enum CommandRunnerError: Error, CustomStringConvertible {
    case timedOut(command: String, seconds: Double, standardError: String)

    public var description: String {
        switch self {
        case .timedOut(let command, let seconds, let standardError):
            "`\(command)` did not finish within \(Int(seconds)) s and was killed; its stderr ended: \(standardError.suffix(2000))"
        }
    }
}

public enum CommandRunner {
    /// Runs `executable` to completion. Both pipes are drained on their own threads (a child that fills
    /// stderr while the caller reads stdout would otherwise block forever), and a child still running after
    /// `timeoutSeconds` is killed and reported, so a stuck command fails its test instead of hanging the run.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           timeoutSeconds: Double = 300) throws -> CommandResult {
        let output = try OutputPipe(), error = try OutputPipe()
        let process = try ChildProcess(product: executable, arguments: arguments, environment: environment,
                                       standardOutput: output.writeEnd, standardError: error.writeEnd)
        output.closeWriteEnd()
        error.closeWriteEnd()
        let outputData = PipeDrain(output.reader), errorData = PipeDrain(error.reader)
        guard process.wait(timeoutSeconds: timeoutSeconds) else {
            process.killAndWait()
            throw CommandRunnerError.timedOut(command: ([executable] + arguments).joined(separator: " "),
                                              seconds: timeoutSeconds,
                                              standardError: String(decoding: errorData.wait(), as: UTF8.self))
        }
        return CommandResult(exitCode: process.terminationStatus ?? -1,
                             standardOutput: String(decoding: outputData.wait(), as: UTF8.self),
                             standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// A pipe for a child's output: the write end goes to the child, the parent reads.
public final class OutputPipe: @unchecked Sendable {
    public let reader: FileHandle
    public private(set) var writeEnd: Int32

    public init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ChildProcessError(executable: "pipe", errno: errno) }
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

/// Reads one pipe to its end on a thread of its own.
final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var data = Data()

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            let read = handle.readDataToEndOfFile()
            lock.withLock { data = read }
            done.signal()
        }
        thread.start()
    }

    /// Everything read; waits at most 10 s after the child ended for a grandchild that inherited the pipe.
    func wait() -> Data {
        if done.wait(timeout: .now() + 10) == .success { done.signal() }
        return lock.withLock { data }
    }
}
