/// A recording's name in the store: the lowercase hex SHA-256 of its bytes (content addressing:
/// the same upload twice is stored once, and damage is detectable).
public struct RecordingDigest: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    /// Accepts exactly 64 hex digits (either case); nil otherwise, so a payload cannot smuggle a path.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.hex = lower
    }

    public var description: String { hex }
}
