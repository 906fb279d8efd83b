import Foundation

/// A job's identity: a random UUID, so API nodes on many machines can name jobs without asking the database.
public struct JobID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID
    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }
    /// Parses the lowercase or uppercase textual form; nil when it is not a UUID.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }
    /// Lowercase, as stored by the SQLite backend and printed by the CLI.
    public var description: String { uuid.uuidString.lowercased() }
}
