import Foundation

/// One HTTP answer of the service: its status and body, and the stable code and message of a
/// `{"error":{"code","message"}}` body (docs/api.md) when it has one.
struct ServerAnswer: Sendable {
    let status: Int
    let body: Data
    /// A results page's `Speakwell-Next-Cursor` and `Speakwell-Results` headers (docs/api.md); nil for other
    /// answers, and from a service that predates the cursor (it sends the whole listing).
    var resultsPage: (nextCursor: String, state: String)? = nil

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The JSON error body's code and message; nil when the body is not one (a proxy's HTML page, say).
    var error: (code: String, message: String)? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else { return nil }
        return (envelope.error.code, envelope.error.message)
    }

    /// The body as text, for error messages.
    var bodyText: String { String(decoding: body.prefix(2_000), as: UTF8.self) }

    private struct Envelope: Decodable {
        struct Body: Decodable { let code: String; let message: String }
        let error: Body
    }
}
