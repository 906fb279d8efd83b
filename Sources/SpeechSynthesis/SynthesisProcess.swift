import CChildProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renders one utterance in a fresh `speakwell-espeak` process.
///
/// Why a process: espeak-ng's waveform generator carries state from one utterance to the next (see
/// `EspeakEngine`), so in one long-lived worker the same prompt would sound slightly different depending on
/// what that worker said before, and a text-only exercise would score differently on two workers. A fresh
/// process starts from the same state every time, so the audio depends only on the request. It also keeps a
/// crash of espeak-ng on odd text (espeak-ng 1.51 has had several) out of the worker. The price is the start
/// of a process and of espeak-ng, about 30 ms, paid once per prompt and voice (`SpeechSynthesizer` caches).
package enum SynthesisProcess {
    /// The helper's executable name; it is built with Speakwell and installed next to `speakwell`.
    static let helperName = "speakwell-espeak"
    /// Environment variable naming the helper when it is not next to the running executable.
    static let helperVariable = "SPEAKWELL_ESPEAK_HELPER"
    /// A helper that has not answered within this time is killed (espeak-ng has had endless loops on odd text).
    static let timeoutSeconds = 60.0
    /// The request travels as one argument, which Linux limits to 128 KiB.
    static let requestLimitBytes = 100_000
    /// The helper's exit status when it reports a `SynthesisError` on standard error.
    package static let reportedErrorStatus: Int32 = 3

    /// The helper: `SPEAKWELL_ESPEAK_HELPER`, else `speakwell-espeak` in the running executable's folder.
    static func helperPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[helperVariable], !path.isEmpty { return path }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(helperName).path
    }

    /// `path` when an executable is there, else `helperUnavailable` saying how to install one.
    @discardableResult
    static func checkedHelper(_ path: String = helperPath()) throws(SynthesisError) -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw .helperUnavailable(path, "is missing or not executable") }
        return path
    }

    /// - Parameter path: the helper executable (`helperPath()`).
    static func render(_ request: SynthesisRequest, helper path: String = helperPath()) throws(SynthesisError) -> RenderedAudio {
        try checkedHelper(path)
        let argument: String
        do { argument = String(decoding: try JSONEncoder().encode(request), as: UTF8.self) } catch {
            throw .synthesisFailed("could not encode the request: \(error)")
        }
        guard argument.utf8.count <= requestLimitBytes else { throw .textTooLong(argument.utf8.count, limit: requestLimitBytes) }
        let run = try ChildRun(path: path, arguments: [argument], timeoutSeconds: timeoutSeconds)
        switch run.termination {
        case .exited(0):
            guard let audio = RenderedAudio(encoded: run.output) else {
                throw .synthesisFailed("\(path) wrote \(run.output.count) bytes that are not its audio format")
            }
            return audio
        case .exited(reportedErrorStatus):
            throw SynthesisError(helperReport: String(decoding: run.errorOutput, as: UTF8.self))
        case .exited(let status):
            throw .synthesisFailed("\(path) exited with status \(status): \(run.errorText)")
        case .signalled(let signal):
            throw .synthesisFailed("\(path) was killed by signal \(signal)\(run.timedOut ? " after \(Int(timeoutSeconds)) s" : ""): \(run.errorText)")
        }
    }
}

/// One child process run to completion: its standard output and error collected, killed at a deadline.
struct ChildRun {
    enum Termination: Equatable { case exited(Int32), signalled(Int32) }

    private(set) var output: [UInt8] = []
    private(set) var errorOutput: [UInt8] = []
    private(set) var termination = Termination.exited(0)
    private(set) var timedOut = false

    var errorText: String {
        let text = String(decoding: errorOutput.suffix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(nothing on standard error)" : text
    }

    init(path: String, arguments: [String], timeoutSeconds: Double) throws(SynthesisError) {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard speakwell_pipe_cloexec(&outPipe) == 0 else { throw .synthesisFailed("pipe: \(String(cString: strerror(errno)))") }
        guard speakwell_pipe_cloexec(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw .synthesisFailed("pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Sockets and files of a server that were opened without close-on-exec stay out of the child.
        speakwell_spawn_close_from(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(outPipe[1]); close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard spawned == 0 else { throw .helperUnavailable(path, "could not start (\(String(cString: strerror(spawned))))") }

        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutSeconds * 1e9)
        var open = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                kill(pid, SIGKILL)
                timedOut = true
                break
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(1000, (deadline - now) / 1_000_000 + 1)))
            if ready < 0 && errno != EINTR { kill(pid, SIGKILL); break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { output.append(contentsOf: buffer[0..<count]) }
                    else { errorOutput.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        termination = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }
}
