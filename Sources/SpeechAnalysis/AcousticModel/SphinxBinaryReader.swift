import Foundation

/// Little-endian reads from a CMU Sphinx binary model file (files written on other-endian machines are refused).
struct SphinxBinaryReader {
    let path: String
    let bytes: [UInt8]
    var offset = 0

    init(path: String) throws(AcousticModelError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else { throw .modelInvalid(path, "cannot be read") }
        bytes = [UInt8](data)
    }

    mutating func int32() throws(AcousticModelError) -> Int {
        guard offset + 4 <= bytes.count else { throw .modelInvalid(path, "ends early at byte \(offset)") }
        let value = bytes[offset..<(offset + 4)].withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
        offset += 4
        return Int(value)
    }

    mutating func floats(_ count: Int) throws(AcousticModelError) -> [Float] {
        guard count >= 0, offset + 4 * count <= bytes.count else { throw .modelInvalid(path, "ends early at byte \(offset)") }
        let values = bytes[offset..<(offset + 4 * count)].withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
        offset += 4 * count
        return values
    }

    mutating func take(_ count: Int) throws(AcousticModelError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw .modelInvalid(path, "ends early at byte \(offset)") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A NUL-terminated string.
    mutating func cString() throws(AcousticModelError) -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw .modelInvalid(path, "unterminated string at byte \(offset)") }
        defer { offset = end + 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// The "s3" text header of gaussian files: `name value` lines up to `endhdr`, then the byte-order magic.
    mutating func s3Header() throws(AcousticModelError) -> [String: String] {
        var fields: [String: String] = [:]
        var lines = 0
        while true {
            guard let newline = bytes[offset...].firstIndex(of: 10), lines < 100 else { throw .modelInvalid(path, "no s3 header") }
            let line = String(decoding: bytes[offset..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            offset = newline + 1
            lines += 1
            if line == "endhdr" { break }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard try int32() == 0x1122_3344 else { throw .modelInvalid(path, "byte order is not little endian") }
        return fields
    }
}
