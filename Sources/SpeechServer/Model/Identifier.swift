import Foundation

/// Identifiers of users, classes, exercises and submissions: random UUIDs in lowercase, so API nodes on
/// many machines can name things without asking the database, and ids cannot be guessed.
public enum Identifier {
    public static func make() -> String { UUID().uuidString.lowercased() }

    /// True for the lowercase or uppercase textual form of a UUID (route parameters are checked with it).
    public static func isValid(_ text: String) -> Bool { UUID(uuidString: text) != nil }
}
