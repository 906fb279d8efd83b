import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process of a test (a `speakwell worker`, a browser, a short command), started with
/// `posix_spawn` and reaped by us with `waitpid`, every wait bounded.
///
/// Not Foundation's `Process`: on Linux it learns of a child's exit through a socket the child inherits,
/// and a grandchild holding that socket (swift-backtrace, started by a worker that aborted, hung once its
/// parent was SIGKILLed) kept `waitUntilExit()` waiting for ever; CI hung 90 minutes on it. Here the child
/// gets only its stdin, stdout and stderr; every other descriptor is closed in it.
public final class BackgroundProcess: @unchecked Sendable {
    public let processIdentifier: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `executable` (a path). stdout and stderr go to the given descriptors, else to /dev/null;
    /// stdin is /dev/null; `directory` is its working directory (default: the test's own).
    public init(executable: String, arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
                standardOutput: Int32? = nil, standardError: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, source) in [(Int32(1), standardOutput), (2, standardError)] {
            if let source { posix_spawn_file_actions_adddup2(&actions, source, target) } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            }
        }
        if let closeFrom = GlibcSpawnExtensions.addCloseFrom { _ = closeFrom(&actions, 3) }
        if let directory {
            guard let changeDirectory = GlibcSpawnExtensions.addChangeDirectory else {
                throw SpawnFailed(executable: executable, errno: ENOSYS)
            }
            _ = directory.path.withCString { changeDirectory(&actions, $0) }
        }

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw SpawnFailed(executable: executable, errno: result) }
        processIdentifier = child
    }

    /// Exit code, or 128 + signal number when a signal ended it (the shell's convention); nil while running.
    public var exitCode: Int32? { poll() }

    public var isRunning: Bool { poll() == nil }

    /// Waits at most `seconds` for the exit; returns the exit code, or nil when it is still running.
    @discardableResult
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let code = poll() { return code }
            if Date() >= deadline { return nil }
            usleep(5_000)
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

    private func poll() -> Int32? {
        lock.withLock {
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return nil }
            // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros Swift does not import.
            let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            status = code
            return code
        }
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public let executable: String
        public let errno: Int32
        public var description: String { "could not start \(executable): \(String(cString: strerror(errno)))" }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which Swift's
/// Glibc module does not import without _GNU_SOURCE; looked up once at run time.
private enum GlibcSpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let addCloseFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let addChangeDirectory: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<F>(_ name: String) -> F? {
        // RTLD_DEFAULT is a null handle on glibc.
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: F.self)
    }
}
