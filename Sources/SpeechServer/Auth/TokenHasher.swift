import Crypto
import Foundation

/// Bearer tokens: 32 random bytes as `sw_` + 64 hex digits. Only their SHA-256 is stored, so a copy of the
/// database does not let anyone log in. (A slow password hash is not needed: the token has 256 bits of entropy.)
public enum TokenHasher {
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "sw_" + hex(bytes)
    }

    public static func hash(_ token: String) -> String {
        hex(Array(SHA256.hash(data: Data(token.utf8))))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
