import Foundation
import Logging
import NIOCore
import WSClient

/// A minimal Chrome DevTools Protocol client over swift-websocket: numbered commands, replies matched by id,
/// one page target attached in flat mode. Enough to navigate, click, read the DOM and take screenshots.
actor DevToolsSession {
    private let outbound: WebSocketOutboundWriter
    private var nextID = 0
    private var pending: [Int: CheckedContinuation<[String: Any], any Error>] = [:]
    private var sessionID: String?

    init(outbound: WebSocketOutboundWriter) {
        self.outbound = outbound
    }

    /// Connects to the browser, runs `body` with a session attached to a fresh page, then closes.
    static func run(browserURL: String, _ body: @escaping @Sendable (DevToolsSession) async throws -> Void) async throws {
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 26)
        try await WebSocketClient.connect(url: browserURL, configuration: configuration, logger: Logger(label: "devtools")) {
            inbound, outbound, _ in
            let session = DevToolsSession(outbound: outbound)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 27) {
                        if case .text(let text) = message { await session.receive(text) }
                    }
                    await session.failAll(BrowserError.protocolError("connection closed"))
                }
                let target = try await session.send("Target.createTarget", ["url": "about:blank"], browserLevel: true)
                guard let targetID = target.object["targetId"] as? String else { throw BrowserError.protocolError("no targetId") }
                let attached = try await session.send("Target.attachToTarget", ["targetId": targetID, "flatten": true], browserLevel: true)
                await session.setSession(attached.object["sessionId"] as? String)
                _ = try await session.send("Page.enable")
                _ = try await session.send("Runtime.enable")
                do {
                    try await body(session)
                } catch {
                    // Closing our side ends the reader above, so the group can finish and the error surface.
                    try? await outbound.close(.normalClosure, reason: nil)
                    group.cancelAll()
                    throw error
                }
                group.cancelAll()
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    private func setSession(_ id: String?) { sessionID = id }

    func send(_ method: String, _ parameters: [String: Any] = [:], browserLevel: Bool = false) async throws -> JSONObject {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if !browserLevel, let sessionID { message["sessionId"] = sessionID }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
        let outbound = outbound
        let object: [String: Any] = try await withCheckedThrowingContinuation { continuation in
            pending[id] = continuation
            Task {
                do { try await outbound.write(.text(text)) } catch { self.fail(id, error) }
            }
            Task {
                try? await Task.sleep(for: Self.replyTimeout)
                self.fail(id, BrowserError.timeout("the reply to \(method)"))
            }
        }
        return JSONObject(object)
    }

    /// A command Chromium never answers fails its test instead of hanging it.
    static let replyTimeout = Duration.seconds(60)

    private func fail(_ id: Int, _ error: any Error) {
        pending.removeValue(forKey: id)?.resume(throwing: error)
    }

    private func receive(_ text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = object["id"] as? Int, let continuation = pending.removeValue(forKey: id) else { return }
        if let error = object["error"] as? [String: Any] {
            continuation.resume(throwing: BrowserError.protocolError("\(error)"))
        } else {
            continuation.resume(returning: object["result"] as? [String: Any] ?? [:])
        }
    }

    private func failAll(_ error: any Error) {
        for continuation in pending.values { continuation.resume(throwing: error) }
        pending.removeAll()
    }

    // MARK: Page helpers

    func navigate(_ url: String) async throws {
        _ = try await send("Page.navigate", ["url": url])
        try await waitFor("document.readyState === 'complete'", timeout: .seconds(20), what: "page load of \(url)")
    }

    /// Evaluates a JavaScript expression (promises awaited) and returns its value.
    func evaluate(_ expression: String) async throws -> JSONValue {
        let result = try await send("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true]).object
        if let exception = result["exceptionDetails"] { throw BrowserError.protocolError("\(expression): \(exception)") }
        return JSONValue((result["result"] as? [String: Any])?["value"])
    }

    func waitFor(_ condition: String, timeout: Duration, what: String) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await evaluate("!!(\(condition))").bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserError.timeout(what)
    }

    /// A PNG of the whole page.
    func screenshot() async throws -> Data {
        let result = try await send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true]).object
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw BrowserError.protocolError("no screenshot data")
        }
        return data
    }
}

/// A decoded DevTools reply. JSON from `JSONSerialization` is immutable plain values once built, so it
/// may cross to the test's task.
struct JSONObject: @unchecked Sendable {
    let object: [String: Any]
    init(_ object: [String: Any]) { self.object = object }
}

/// The value of a `Runtime.evaluate`.
struct JSONValue: @unchecked Sendable {
    let value: Any?
    init(_ value: Any?) { self.value = value }
    var bool: Bool? { value as? Bool }
    var string: String? { value as? String }
    var int: Int? { value as? Int }
}
