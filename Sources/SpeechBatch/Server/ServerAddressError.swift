/// A `--server` value that is not a usable URL.
public struct ServerAddressError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String {
        "--server \(text.isEmpty ? "(empty)" : "'\(text)'") is not a service URL: \(reason); for example http://speakwell.example:8080"
    }
}
