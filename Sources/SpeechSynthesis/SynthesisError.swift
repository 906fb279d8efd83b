/// Why speech could not be synthesised.
public struct SynthesisError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable { case engineUnavailable, unknownVoice, emptyText, synthesisFailed }

    private let codeValue: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    static func engineUnavailable() -> Self {
        Self(.engineUnavailable, "espeak-ng could not start: install the Debian package espeak-ng (its data files)")
    }

    static func unknownVoice(_ name: String) -> Self {
        Self(.unknownVoice, "espeak-ng has no voice \"\(name)\"; list voices with `espeak-ng --voices=en`")
    }

    static func emptyText() -> Self { Self(.emptyText, "there is no text to say; give the exercise's prompt text") }

    static func synthesisFailed(_ detail: String) -> Self { Self(.synthesisFailed, "espeak-ng failed: \(detail)") }
}
