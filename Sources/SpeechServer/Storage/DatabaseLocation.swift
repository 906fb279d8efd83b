/// A database named by URL, as every `speakwell` command takes it: `sqlite:PATH` or `postgres://...`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseLocationError(text: text) }
            self = .sqlite(path: path)
        } else {
            throw DatabaseLocationError(text: text)
        }
    }

    /// For logs: a PostgreSQL password is not printed.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url):
            if let at = url.lastIndex(of: "@") { "postgres://…@" + url[url.index(after: at)...] } else { url }
        }
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let text: String
    public var description: String {
        "database '\(text)' is not understood; use sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
    }
}
