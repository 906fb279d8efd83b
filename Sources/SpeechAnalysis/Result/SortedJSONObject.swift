import Foundation

/// Edits of compact JSON objects as JSONEncoder writes them with `.sortedKeys`, at the top level only
/// (keys inside nested objects and arrays, and text inside strings, are skipped by the scan).
enum SortedJSONObject {
    /// Inserts `"key":value` into the object `bytes` where sorted order puts it. `key` must be absent.
    static func insert(key: String, value: Data, into bytes: inout Data) {
        var member = Data("\"\(key)\":".utf8)
        member.append(value)
        let keys = topLevelKeys(bytes)
        precondition(!keys.contains { $0.name == key }, "key \(key) is already in the object")
        // JSONEncoder sorts keys by their UTF-8 bytes; these keys are ASCII.
        if let next = keys.first(where: { $0.name.utf8.lexicographicallyPrecedes(key.utf8) == false }) {
            member.append(UInt8(ascii: ","))
            bytes.insert(contentsOf: member, at: next.start)
        } else {
            let close = bytes.index(before: bytes.endIndex)
            if !keys.isEmpty { member.insert(UInt8(ascii: ","), at: member.startIndex) }
            bytes.insert(contentsOf: member, at: close)
        }
    }

    /// `bytes` with the value `[]` of top-level `key` replaced by `array`.
    static func replacingEmptyArray(key: String, with array: Data, in bytes: Data) -> Data {
        guard let found = topLevelKeys(bytes).first(where: { $0.name == key }) else {
            preconditionFailure("key \(key) not in the object")
        }
        let valueStart = found.valueStart
        precondition(bytes[valueStart] == UInt8(ascii: "[") && bytes[valueStart + 1] == UInt8(ascii: "]"),
                     "value of \(key) is not []")
        var result = bytes
        result.replaceSubrange(valueStart..<(valueStart + 2), with: array)
        return result
    }

    /// Each top-level key: its name, where its opening quote is, and where its value starts.
    private static func topLevelKeys(_ bytes: Data) -> [(name: String, start: Data.Index, valueStart: Data.Index)] {
        var keys: [(name: String, start: Data.Index, valueStart: Data.Index)] = []
        var depth = 0, inString = false, escaped = false
        var stringStart = bytes.startIndex
        var expectingKey = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 && expectingKey {
                        let name = String(decoding: bytes[(stringStart + 1)..<index], as: UTF8.self)
                        // Compact output: the colon follows the closing quote directly.
                        keys.append((name, stringStart, index + 2))
                        expectingKey = false
                    }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true; stringStart = index
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    expectingKey = depth == 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ","): expectingKey = depth == 1
                default: break
                }
            }
            index += 1
        }
        return keys
    }
}
