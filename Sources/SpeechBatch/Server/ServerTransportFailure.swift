/// A request to the service that got no HTTP answer: connection refused or reset, DNS, TLS, timeout.
/// Always worth retrying; the retry policy decides for how long.
struct ServerTransportFailure: Error, Sendable, CustomStringConvertible {
    let request: String
    let reason: String

    init(request: String, underlying: any Error) {
        self.request = request
        self.reason = String(describing: underlying)
    }

    var description: String { "\(request): \(reason)" }
}
