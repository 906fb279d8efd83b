import Foundation

/// Reads a Praat TextGrid saved as text, long or short format, UTF-8 or UTF-16 (Praat writes UTF-16 when
/// a label is not ASCII). Used for `--format textgrid` round trips and reference sidecars `NAME.TextGrid`.
///
/// Like Praat's own text reader, it keeps only the values — quoted strings, numbers and `<exists>` flags —
/// and skips the `name =` labels and `[n]` indices of the long format, so both formats parse alike.
public enum TextGridReader {
    public static func read(contentsOf url: URL) throws -> TextGrid {
        try read(data: Data(contentsOf: url))
    }

    public static func read(data: Data) throws -> TextGrid {
        guard let text = decode(data) else { throw TextGridError.encoding }
        return try read(text: text)
    }

    public static func read(text: String) throws -> TextGrid {
        var tokens = Tokens(tokenize(text))
        let fileType = try tokens.string("the file type")
        let objectClass = try tokens.string("the object class")
        guard fileType == "ooTextFile", objectClass == "TextGrid" else {
            throw TextGridError.notATextGrid(String(text.prefix(40)).replacingOccurrences(of: "\n", with: " "))
        }
        let start = try tokens.number("xmin"), end = try tokens.number("xmax")
        guard try tokens.flag() else { return TextGrid(startSeconds: start, endSeconds: end, tiers: []) }
        let tierCount = try tokens.count("the number of tiers")
        var tiers: [TextGridTier] = []
        for _ in 0..<tierCount {
            let tierClass = try tokens.string("a tier class")
            let name = try tokens.string("a tier name")
            _ = try tokens.number("tier xmin"); _ = try tokens.number("tier xmax")
            let size = try tokens.count("the tier size")
            switch tierClass {
            case "IntervalTier":
                var intervals: [TextGridTier.Interval] = []
                for _ in 0..<size {
                    let from = try tokens.number("interval xmin"), to = try tokens.number("interval xmax")
                    intervals.append(.init(startSeconds: from, endSeconds: to, text: try tokens.string("an interval text")))
                }
                tiers.append(.intervals(name: name, intervals))
            case "TextTier":
                var points: [TextGridTier.Point] = []
                for _ in 0..<size {
                    let time = try tokens.number("a point time")
                    points.append(.init(timeSeconds: time, mark: try tokens.string("a point mark")))
                }
                tiers.append(.points(name: name, points))
            default:
                throw TextGridError.unknownTierClass(tierClass)
            }
        }
        return TextGrid(startSeconds: start, endSeconds: end, tiers: tiers)
    }

    private static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xFF, 0xFE]) { return String(data: data, encoding: .utf16LittleEndian).map { String($0.drop { $0 == "\u{FEFF}" }) } }
        if bytes.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16BigEndian).map { String($0.drop { $0 == "\u{FEFF}" }) } }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(data: data.dropFirst(3), encoding: .utf8) }
        return String(data: data, encoding: .utf8)
    }

    enum Token: Equatable { case string(String), number(String), flag(Bool) }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                var value = String.UnicodeScalarView()
                i += 1
                while i < chars.count {
                    if chars[i] == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" { value.append("\""); i += 2; continue }
                        break
                    }
                    value.append(chars[i]); i += 1
                }
                tokens.append(.string(String(value)))
                i += 1
            } else if c == "[" {
                while i < chars.count && chars[i] != "]" { i += 1 }
                i += 1
            } else if c == "<" {
                var value = ""
                while i < chars.count && chars[i] != ">" { value.unicodeScalars.append(chars[i]); i += 1 }
                tokens.append(.flag(value == "<exists"))
                i += 1
            } else if c == "!" {
                // Short-format comment to the end of the line.
                while i < chars.count && chars[i] != "\n" { i += 1 }
            } else if CharacterSet.decimalDigits.contains(c) || c == "-" || c == "+" || c == "." {
                var value = ""
                while i < chars.count, CharacterSet.decimalDigits.contains(chars[i]) || "+-.eE".unicodeScalars.contains(chars[i]) {
                    value.unicodeScalars.append(chars[i]); i += 1
                }
                tokens.append(.number(value))
            } else if CharacterSet.letters.contains(c) {
                // A label such as `xmin` or `intervals`: skip the whole word (it may hold digits).
                while i < chars.count, CharacterSet.alphanumerics.contains(chars[i]) || chars[i] == "_" { i += 1 }
            } else {
                i += 1
            }
        }
        return tokens
    }

    struct Tokens {
        private let tokens: [Token]
        private var index = 0
        init(_ tokens: [Token]) { self.tokens = tokens }

        mutating func next(_ expected: String) throws -> Token {
            guard index < tokens.count else { throw TextGridError.truncated(expected) }
            defer { index += 1 }
            return tokens[index]
        }
        mutating func string(_ expected: String) throws -> String {
            switch try next(expected) {
            case .string(let value): return value
            case .number(let value): throw TextGridError.badNumber(value, "a quoted text, \(expected), was expected")
            case .flag: throw TextGridError.truncated(expected)
            }
        }
        mutating func number(_ expected: String) throws -> Double {
            let token = try next(expected)
            guard case .number(let text) = token, let value = Double(text) else {
                throw TextGridError.badNumber("\(token)", expected)
            }
            return value
        }
        mutating func count(_ expected: String) throws -> Int {
            let value = try number(expected)
            guard value >= 0, value == value.rounded(), value < 10_000_000 else {
                throw TextGridError.badNumber("\(value)", expected)
            }
            return Int(value)
        }
        mutating func flag() throws -> Bool {
            guard case .flag(let value) = try next("tiers? <exists>") else { throw TextGridError.truncated("tiers? <exists>") }
            return value
        }
    }
}
