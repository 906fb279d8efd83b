import Foundation

/// A real headless Chromium (Debian's `chromium`) started for one test: remote debugging on a free
/// port, a throw-away profile, and a fake microphone that plays `fakeAudio` (Chromium's own test switches).
final class HeadlessChromium: @unchecked Sendable {
    let process = Process()
    let profile: URL
    /// `ws://127.0.0.1:PORT/devtools/browser/ID`, read from Chromium's stderr.
    private(set) var browserWebSocketURL = ""

    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(fakeAudio: URL) throws {
        guard let executable = Self.executable else { throw BrowserError.notInstalled }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("speakwell-chromium-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)",
            "--window-size=420,1400", "--autoplay-policy=no-user-gesture-required",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=\(fakeAudio.path)",
            "about:blank",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Chromium prints "DevTools listening on ws://..." once its debugging port is open.
        let handle = errors.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: "ws://[^\\s]+", options: .regularExpression) {
                browserWebSocketURL = String(text[range])
                break
            }
        }
        guard !browserWebSocketURL.isEmpty else {
            stop()
            throw BrowserError.noDevToolsURL(text)
        }
        // Keep draining stderr so Chromium never blocks on a full pipe.
        DispatchQueue.global().async { while !handle.availableData.isEmpty {} }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
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
