/// Why a pronunciation comparison could not be made; `codeString` is stable (JSON and HTTP bodies).
public struct PronunciationError: Error, Sendable, CustomStringConvertible {
    private enum Code: String {
        case sidecarInvalid = "reference_words_invalid"
        case referenceSilent = "reference_silent"
        case learnerSilent = "learner_silent"
        case calibrationMissing = "calibration_missing"
        case calibrationInvalid = "calibration_invalid"
        case referencesDisagree = "references_disagree"
    }

    private let code: Code
    public let detail: String
    public var codeString: String { code.rawValue }
    public var description: String { "\(code.rawValue): \(detail)" }
    /// Same as `codeString`, named like `DecodeError.code` for the CLI's error report.
    public var codeName: String { code.rawValue }
    public var message: String { detail }

    public static func sidecarInvalid(path: String, reason: String) -> Self {
        .init(code: .sidecarInvalid, detail: "\(path): \(reason); expected [{\"word\",\"start_s\",\"end_s\"}] with times inside the recording")
    }
    public static func referenceSilent(name: String) -> Self {
        .init(code: .referenceSilent, detail: "reference \(name) has no speech above the noise floor; record the model again")
    }
    public static func learnerSilent() -> Self {
        .init(code: .learnerSilent, detail: "the recording has no speech above the noise floor to compare with the reference")
    }
    public static func calibrationMissing(searched: [String], relativePath: String = PronunciationCalibration.defaultRelativePath) -> Self {
        .init(code: .calibrationMissing, detail: "pronunciation calibration model not found (looked in \(searched.joined(separator: ", "))); set SPEAKWELL_MODELS_DIR to the folder holding \(relativePath)")
    }
    public static func calibrationInvalid(path: String, reason: String) -> Self {
        .init(code: .calibrationInvalid, detail: "\(path): \(reason)")
    }
    public static func referencesDisagree(detail: String) -> Self {
        .init(code: .referencesDisagree, detail: detail)
    }
}
