import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SpeechServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API, the pages and the worker pool (embedded SQLite unless --database names PostgreSQL).",
        discussion: """
            With no flags: data under ./speakwell-data/, http://127.0.0.1:8080, and on the first start a demo
            class, exercise and one token per role, printed once.

            Examples:
              speakwell serve
              speakwell serve --host 0.0.0.0 --port 8080 --data /var/lib/speakwell
              speakwell serve --database postgres://speakwell@db.school.lan/speakwell --data /mnt/shared/speakwell
            """
    )

    @OptionGroup var storage: DatabaseOptions

    @Option(help: "Address to listen on (0.0.0.0: every interface, for a classroom's devices).")
    var host = "127.0.0.1"

    @Option(help: "TCP port.")
    var port = 8080

    @Option(help: "Analysis workers in this process (default: the machine's cores; 0: API only).")
    var workers: Int?

    @Option(name: .customLong("upload-limit-mb"), help: "Largest upload accepted, in MB (413 above it).")
    var uploadLimitMegabytes = 20

    @Option(name: .customLong("max-duration"), help: "Longest recording accepted, in seconds (422 above it).")
    var maxDurationSeconds = 600.0

    @Flag(name: .customLong("no-demo"), help: "Do not create the demo class, exercise and tokens on the first start.")
    var noDemo = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 ... 65535") }
        guard uploadLimitMegabytes > 0 else { throw ValidationError("--upload-limit-mb must be positive") }
        guard maxDurationSeconds > 0 else { throw ValidationError("--max-duration must be positive") }
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level") }
    }

    func run() async throws {
        try PronunciationModelChoice.validate()
        try SynthesisHelperCheck.validate()
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = ServerConfiguration()
        storage.apply(to: &configuration)
        configuration.host = host
        configuration.port = port
        configuration.logLevel = level
        configuration.uploadLimitBytes = uploadLimitMegabytes * 1024 * 1024
        configuration.decodeLimits.maximumSeconds = maxDurationSeconds
        configuration.workers.decodeLimits = configuration.decodeLimits
        if let workers {
            configuration.runWorkers = workers > 0
            if workers > 0 { configuration.workers.workerCount = workers }
        }
        let environment = try await ServerEnvironment.open(configuration)
        let base = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        if !noDemo, let demo = try await DemoSeeder.seedIfEmpty(environment, modelRecording: ModelRecording.defaultDemoRecording()) {
            Self.say(DemoBanner.text(demo, baseURL: base, dataDirectory: configuration.dataDirectory))
        }
        let dataDirectory = configuration.dataDirectory
        let app = try await buildApplication(environment: environment) { _ in
            Self.say("Speakwell is running at \(base)/ (data: \(dataDirectory); stop with Ctrl-C)")
        }
        try await app.runService()
    }

    /// Unbuffered, so scripts reading a pipe see the line at once.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// What the first start prints: the demo users' tokens (shown this once; only their hashes are stored).
enum DemoBanner {
    static func text(_ demo: DemoSeeder.Credentials, baseURL: String, dataDirectory: String) -> String {
        var lines = ["", "First start: created a demo class, an exercise and one user per role in \(dataDirectory)/.",
                     "These tokens are shown only now (the database keeps only their SHA-256):", ""]
        for role in [Role.student, .teacher, .operator, .admin] {
            guard let token = demo.tokens[role] else { continue }
            lines.append("  \(role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(token)")
        }
        lines += ["", "Open as the student:  \(baseURL)/login?token=\(demo.tokens[.student] ?? "")",
                  "Open as the teacher:  \(baseURL)/login?token=\(demo.tokens[.teacher] ?? "")",
                  "API example:          curl -H 'Authorization: Bearer \(demo.tokens[.student] ?? "")' \(baseURL)/api/v1/exercises", ""]
        return lines.joined(separator: "\n")
    }
}
