/// Why PocketSphinx's acoustic model could not be loaded or used; `codeString` is stable.
public struct AcousticModelError: Error, Sendable, CustomStringConvertible {
    private enum Code: String {
        case modelMissing = "acoustic_model_missing"
        case modelInvalid = "acoustic_model_invalid"
        case frontEndFailed = "acoustic_front_end_failed"
    }

    private let code: Code
    public let detail: String
    public var codeString: String { code.rawValue }
    public var description: String { "\(code.rawValue): \(detail)" }

    static func modelMissing(_ folder: String) -> Self {
        .init(code: .modelMissing, detail: "no PocketSphinx acoustic model in \(folder): install the Debian package pocketsphinx-en-us")
    }
    static func modelInvalid(_ path: String, _ reason: String) -> Self {
        .init(code: .modelInvalid, detail: "\(path): \(reason); reinstall pocketsphinx-en-us")
    }
    static func frontEndFailed(_ reason: String) -> Self {
        .init(code: .frontEndFailed, detail: "libsphinxbase's front end failed: \(reason); install libsphinxbase3")
    }
}
