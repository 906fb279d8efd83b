/// RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends a line.
/// A field starting with `=`, `+`, `-` or `@` gets a leading apostrophe so spreadsheets do not run it.
enum CSV {
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+@".contains(first) || (first == "-" && Double(value) == nil) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
