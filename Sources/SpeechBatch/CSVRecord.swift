/// RFC 4180 fields: reading one record per line, and quoting a field for writing.
enum CSVRecord {
    /// Splits one CSV line into fields, honouring double-quoted fields with `""` escapes.
    /// Returns nil when a quote is left open (a newline inside a field is not supported in manifests).
    static func fields(of line: Substring) -> [String]? {
        var fields: [String] = [], current = "", quoted = false, afterQuote = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { current.append(character) }
            } else if character == "\"" {
                if afterQuote { current.append("\"") }
                quoted = true
                afterQuote = false
            } else if character == "," {
                fields.append(current)
                current = ""
                afterQuote = false
            } else {
                current.append(character)
                afterQuote = false
            }
        }
        if quoted { return nil }
        fields.append(current)
        return fields
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
