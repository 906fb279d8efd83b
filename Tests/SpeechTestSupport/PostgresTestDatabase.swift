import Foundation

/// A fresh PostgreSQL database per test on the server scripts/with-postgres started, so tests that run
/// real workers in parallel never claim each other's jobs (whose recordings live in another test's folder).
public enum PostgresTestDatabase {
    /// `SPEAKWELL_TEST_POSTGRES_URL`, or nil when unset; under `CI=true` an unset URL is an error, since CI
    /// must never skip the PostgreSQL runs silently.
    public static func baseURL() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["SPEAKWELL_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if ["true", "1", "yes"].contains(environment["CI"]?.lowercased() ?? "") { throw Unavailable() }
        return nil
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "SPEAKWELL_TEST_POSTGRES_URL unset under CI=true: run the tests through scripts/with-postgres" }
    }

    /// Creates an empty database named `speakwell_<prefix>_<random>` next to the one `baseURL` names
    /// (with the server's own `createdb`, bounded in time) and returns its URL.
    public static func create(from baseURL: String, prefix: String) throws -> String {
        guard var components = URLComponents(string: baseURL), let host = components.host, let user = components.user else {
            throw CreateFailed(detail: "cannot read \(baseURL)")
        }
        let name = "speakwell_\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        var environment: [String: String]?
        if let password = components.password {
            environment = ProcessInfo.processInfo.environment.merging(["PGPASSWORD": password]) { $1 }
        }
        let result: CommandResult
        do {
            result = try CommandRunner.run(try createdb().path, ["-h", host, "-p", String(components.port ?? 5432), "-U", user, name],
                                           environment: environment, timeoutSeconds: 30)
        } catch let timedOut as CommandTimedOut {
            throw CreateFailed(detail: timedOut.description)
        }
        guard result.exitCode == 0 else { throw CreateFailed(detail: result.standardError) }
        components.path = "/" + name
        return components.string!
    }

    public struct CreateFailed: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "creating a test database failed: \(detail)" }
    }

    /// The newest installed server's `createdb` (the one scripts/with-postgres used), else the one on PATH.
    private static func createdb() throws -> URL {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted()
        if let newest = versions.last, FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/createdb") {
            return URL(fileURLWithPath: "\(root)/\(newest)/bin/createdb")
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/createdb") {
            return URL(fileURLWithPath: "\(folder)/createdb")
        }
        throw CreateFailed(detail: "no createdb found (Debian package postgresql)")
    }
}
