/// Why a batch could not start. Item failures never stop a batch; these are about the batch itself.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable { case manifestUnreadable, manifestMalformed, duplicateItem, outputUnwritable }

    private let codeValue: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    static func manifestUnreadable(_ path: String, _ reason: String) -> Self {
        Self(.manifestUnreadable, "cannot read manifest \(path): \(reason)")
    }

    static func manifestMalformed(_ path: String, line: Int, _ reason: String) -> Self {
        Self(.manifestMalformed, "\(path) line \(line): \(reason). A CSV manifest has the header `id,audio,reference` "
            + "(several references separated by ';'); a JSON Lines manifest has one {\"id\",\"audio\",\"references\":[...]} per line")
    }

    static func duplicateItem(_ path: String, line: Int, id: String) -> Self {
        Self(.duplicateItem, "\(path) line \(line): item id \"\(id)\" appears twice; ids must be unique within a batch")
    }

    static func outputUnwritable(_ path: String, _ reason: String) -> Self {
        Self(.outputUnwritable, "cannot write \(path): \(reason)")
    }
}
