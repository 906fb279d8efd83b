import Foundation
/// Why speech could not be synthesised.
public struct SynthesisError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable { case engineUnavailable, helperUnavailable, unknownVoice, emptyText, textTooLong, synthesisFailed }

    private let codeValue: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    /// The error the helper process reported on its standard error (`code`, a newline, `message`).
    package init(helperReport: String) {
        let parts = helperReport.split(separator: "\n", maxSplits: 1).map(String.init)
        if parts.count == 2, let code = Code(rawValue: parts[0]) {
            self.init(code, parts[1].trimmingCharacters(in: .newlines))
        } else {
            self.init(.synthesisFailed, "espeak-ng failed: \(helperReport.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// What the helper writes to its standard error for the parent to read back (`init(helperReport:)`).
    package var helperReport: String { "\(code)\n\(message)\n" }

    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    static func engineUnavailable() -> Self {
        Self(.engineUnavailable, "espeak-ng could not start: install the Debian package espeak-ng (its data files)")
    }

    static func helperUnavailable(_ path: String, _ reason: String) -> Self {
        Self(.helperUnavailable, "the synthesis helper \(path) \(reason): it is built with Speakwell "
             + "(`swift build --product speakwell-espeak`) and must sit next to the speakwell executable, "
             + "or set SPEAKWELL_ESPEAK_HELPER to its path")
    }

    static func unknownVoice(_ name: String) -> Self {
        Self(.unknownVoice, "espeak-ng has no voice \"\(name)\"; list voices with `espeak-ng --voices=en`")
    }

    static func emptyText() -> Self { Self(.emptyText, "there is no text to say; give the exercise's prompt text") }

    static func textTooLong(_ bytes: Int, limit: Int) -> Self {
        Self(.textTooLong, "the text is \(bytes) bytes; at most \(limit) can be synthesised at once: shorten the prompt")
    }

    static func synthesisFailed(_ detail: String) -> Self { Self(.synthesisFailed, "espeak-ng failed: \(detail)") }
}
