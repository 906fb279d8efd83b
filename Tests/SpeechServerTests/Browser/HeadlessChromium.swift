import Foundation
import SpeechTestSupport

/// A real headless Chromium (Debian's `chromium`) started for one test: remote debugging on a free
/// port, a throw-away profile, and a fake microphone that plays `fakeAudio` (Chromium's own test switches).
final class HeadlessChromium: @unchecked Sendable {
    let process: BackgroundProcess
    let profile: URL
    /// Chromium's TMPDIR (`init`).
    let temporary: URL
    /// `ws://127.0.0.1:PORT/devtools/browser/ID`, read from Chromium's stderr.
    private(set) var browserWebSocketURL = ""

    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(fakeAudio: URL) throws {
        guard let executable = Self.executable else { throw BrowserError.notInstalled }
        profile = TestScratch.url("speakwell-chromium")
        // Chromium makes a scratch folder of its own in TMPDIR (org.chromium.Chromium.*) and leaves it there: give it
        // one in the test scratch, removed with the profile. Short: Chromium's singleton socket goes in it, and a Unix
        // socket path may not exceed 107 bytes (with the profile's long name Chromium exits at start).
        temporary = TestScratch.root.appendingPathComponent("chromium-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary.path
        let arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)",
            "--window-size=420,1400", "--autoplay-policy=no-user-gesture-required",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=\(fakeAudio.path)",
            "about:blank",
        ]
        let errors = try OutputPipe()
        process = try BackgroundProcess(executable: executable, arguments: arguments, environment: environment,
                                        standardError: errors.writeEnd)
        errors.closeWriteEnd()
        // Chromium prints "DevTools listening on ws://..." once its debugging port is open. Its stderr is
        // read on a thread of its own (and drained for the browser's whole life, so it never blocks on a
        // full pipe); here we only wait, with a real deadline, for that line.
        let output = ChromiumOutput(errors.reader)
        guard let url = output.waitForDevToolsURL(timeoutSeconds: 30) else {
            stop()
            throw BrowserError.noDevToolsURL(output.text)
        }
        browserWebSocketURL = url
    }

    /// Ends the browser: SIGTERM, then SIGKILL if it is still there after five seconds.
    func stop() {
        process.stop(signal: SIGTERM, waitingAtMost: 5)
        try? FileManager.default.removeItem(at: profile)
        try? FileManager.default.removeItem(at: temporary)
    }
}

/// Chromium's stderr, collected by a reader thread until the pipe closes.
private final class ChromiumOutput: @unchecked Sendable {
    private let condition = NSCondition()
    private var collected = ""
    private var ended = false

    init(_ handle: FileHandle) {
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { ended = true } else { collected += String(decoding: chunk, as: UTF8.self) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }.start()
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return collected
    }

    func waitForDevToolsURL(timeoutSeconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let range = collected.range(of: "ws://[^\\s]+", options: .regularExpression) { return String(collected[range]) }
            if ended || !condition.wait(until: deadline) { return nil }
        }
    }
}

enum BrowserError: Error, CustomStringConvertible {
    case notInstalled
    case noDevToolsURL(String)
    case protocolError(String)
    case timeout(String)

    var description: String {
        switch self {
        case .notInstalled: "Debian's chromium is not installed (scripts/install-deps installs it)"
        case .noDevToolsURL(let output): "chromium did not print its DevTools URL: \(output.suffix(2000))"
        case .protocolError(let message): "DevTools: \(message)"
        case .timeout(let what): "timed out waiting for \(what)"
        }
    }
}
