/// Why a TextGrid could not be read. `code` is stable (JSON, HTTP bodies).
public struct TextGridError: Error, Sendable, CustomStringConvertible {
    private enum Code: String { case notATextGrid, truncated, badNumber, unknownTierClass, encoding }
    private let codeValue: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    static func notATextGrid(_ header: String) -> Self {
        .init(.notATextGrid, "the file starts with \"\(header)\", not File type = \"ooTextFile\" / Object class = \"TextGrid\": save it from Praat as a text file")
    }
    static func truncated(_ expected: String) -> Self {
        .init(.truncated, "the file ends where \(expected) was expected: it is truncated; save it again from Praat")
    }
    static func badNumber(_ token: String, _ expected: String) -> Self {
        .init(.badNumber, "\"\(token)\" is not a number (\(expected)): the file is damaged")
    }
    static func unknownTierClass(_ name: String) -> Self {
        .init(.unknownTierClass, "tier class \"\(name)\" is neither IntervalTier nor TextTier")
    }
    static var encoding: Self {
        .init(.encoding, "the file is neither UTF-8 nor UTF-16 text: save it from Praat as a text file")
    }
}
