/// Why a recording could not be decoded. The string `code` is stable: it appears in the CLI's JSON,
/// in HTTP error bodies and in batch `errors.csv`; new cases may be added, none renamed.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unreadable, truncated, unsupportedContainer, empty, tooShort, tooLong, silent
    }

    private let codeValue: Code
    /// What went wrong and how to fix it, for people.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    /// Stable machine-readable code, e.g. `"tooShort"`.
    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    /// Every code this error can carry, for documentation and exhaustive tests.
    public static let allCodes = ["unreadable", "truncated", "unsupportedContainer", "empty", "tooShort", "tooLong", "silent"]

    public static func unreadable(_ reason: String) -> Self {
        Self(.unreadable, "the recording cannot be read (\(reason)); check the path and re-export the file")
    }

    public static func truncated(framesRead: Int, framesDeclared: Int, sampleRateHz: Int) -> Self {
        let read = Double(framesRead) / Double(max(sampleRateHz, 1))
        let declared = Double(framesDeclared) / Double(max(sampleRateHz, 1))
        return Self(.truncated, "the file ends after \(formatSeconds(read)) but its header promises \(formatSeconds(declared)): "
            + "it was cut off during upload or copy; send the complete recording")
    }

    public static func truncatedStream(_ reason: String) -> Self {
        Self(.truncated, "the audio data ends unexpectedly (\(reason)); send the complete recording")
    }

    public static func unsupportedContainer(supported: [String]) -> Self {
        Self(.unsupportedContainer, "not a recognised audio file; supported containers: \(supported.joined(separator: ", "))")
    }

    public static func empty() -> Self {
        Self(.empty, "the recording contains no audio samples; record again")
    }

    public static func tooShort(seconds: Double, minimumSeconds: Double) -> Self {
        Self(.tooShort, "the recording lasts \(formatSeconds(seconds)); at least \(formatSeconds(minimumSeconds)) is needed")
    }

    public static func tooLong(seconds: Double, maximumSeconds: Double) -> Self {
        Self(.tooLong, "the recording lasts \(seconds.isFinite ? formatSeconds(seconds) : "more than the limit"); "
            + "at most \(formatSeconds(maximumSeconds)) is accepted (raise the limit or split the recording)")
    }

    public static func silent(peakDecibels: Double, thresholdDecibels: Double) -> Self {
        let peak = peakDecibels <= -199 ? "digital silence" : "peak \(formatDecibels(peakDecibels)) dBFS"
        return Self(.silent, "the recording is silent (\(peak), below \(formatDecibels(thresholdDecibels)) dBFS); "
            + "check the microphone and record again")
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    let rounded = (seconds * 1000).rounded() / 1000
    return "\(rounded) s"
}

private func formatDecibels(_ decibels: Double) -> String {
    String(Int(decibels.rounded()))
}
