import Foundation

/// The `--server` URL of a running service, normalised: `http(s)://host[:port][/prefix]` without a trailing
/// slash, so `http://h:8080/` and `http://h:8080` name the same service in the output folder's attachment.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    public let base: String

    public var description: String { base }

    /// Throws with the reason when `text` is not an http or https URL with a host (no query, no fragment).
    public init(parsing text: String) throws(ServerAddressError) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw ServerAddressError(text: text, reason: "it must start with http:// or https://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ServerAddressError(text: text, reason: "it names no host")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw ServerAddressError(text: text, reason: "it must not carry a query, a fragment or a user name")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw ServerAddressError(text: text, reason: "port \(port) is out of range")
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let hostPart = host.contains(":") ? "[\(host)]" : host.lowercased()
        base = "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "") + path
    }

    /// `base` + `path` (which starts with `/`).
    func url(_ path: String) -> String { base + path }
}
