import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`, for tests that start, kill and
/// restart real processes.
///
/// Foundation's `Process` on Linux learns of a child's exit from a monitor thread; with children being
/// SIGKILLed and restarted every second, `waitUntilExit()` was seen to wait forever on a child that was
/// already a zombie (CI hung for 90 minutes). Here the caller reaps its own child, with a deadline.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` (a path) with `arguments`. The child's stdout and stderr go to the given
    /// descriptors, or to /dev/null; its stdin is /dev/null; no other descriptor of the test leaks into it.
    public init(executable: String, arguments: [String], environment: [String: String]? = nil,
                standardOutput: Int32? = nil, standardError: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let standardOutput { posix_spawn_file_actions_adddup2(&actions, standardOutput, 1) } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let standardError { posix_spawn_file_actions_adddup2(&actions, standardError, 2) } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw ChildProcessError(executable: executable, errno: result) }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not
    /// import without _GNU_SOURCE; looked up once at run time.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Starts one of this package's built executables (e.g. `speakwell`).
    public convenience init(product: String, arguments: [String], environment: [String: String]? = nil,
                            standardOutput: Int32? = nil, standardError: Int32? = nil) throws {
        try self.init(executable: Fixtures.productsDirectory.appendingPathComponent(product).path, arguments: arguments,
                      environment: environment, standardOutput: standardOutput, standardError: standardError)
    }

    /// False once the child has exited (it is reaped here).
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// The exit code, or 128 + the signal that ended it; nil while it runs.
    public var terminationStatus: Int32? { reap(blocking: false) }

    public func kill(_ signal: Int32 = SIGKILL) {
        if isRunning { _ = Glibc.kill(pid, signal) }
    }

    /// Waits for the child to end; true if it did within `timeoutSeconds`.
    @discardableResult
    public func wait(timeoutSeconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while isRunning {
            if Date() >= deadline { return false }
            usleep(5_000)
        }
        return true
    }

    /// Kills the child if needed and reaps it.
    public func killAndWait() {
        kill(SIGKILL)
        _ = reap(blocking: true)
    }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard reaped == pid else { return nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public let executable: String
    public let errno: Int32
    public var description: String { "could not start \(executable): \(String(cString: strerror(errno)))" }
}
