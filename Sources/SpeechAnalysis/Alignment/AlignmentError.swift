/// Why word timings could not be found for a recording; `codeString` is stable (JSON and HTTP bodies).
public struct AlignmentError: Error, Sendable, CustomStringConvertible {
    private enum Code: String {
        case emptyText = "alignment_text_empty"
        case synthesisFailed = "alignment_synthesis_failed"
        case recordingSilent = "alignment_recording_silent"
        case nothingPlaced = "alignment_nothing_placed"
    }

    private let code: Code
    public let detail: String
    public var codeString: String { code.rawValue }
    public var message: String { detail }
    public var description: String { "\(code.rawValue): \(detail)" }

    public static func emptyText() -> Self {
        .init(code: .emptyText, detail: "the prompt text has no words; give the sentence the recording says with --text")
    }
    public static func synthesisFailed(_ detail: String) -> Self {
        .init(code: .synthesisFailed, detail: "the prompt could not be synthesised for alignment (\(detail))")
    }
    public static func recordingSilent(name: String) -> Self {
        .init(code: .recordingSilent, detail: "\(name) has no speech above the noise floor to align the text to; record it again")
    }
    public static func nothingPlaced(name: String) -> Self {
        .init(code: .nothingPlaced, detail: "no word of the text could be placed in \(name); check that the recording says the text")
    }
}
