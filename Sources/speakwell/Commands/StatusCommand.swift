import ArgumentParser
import Foundation
import SpeechAnalysis
import SpeechQueue

/// `speakwell status`: where a submitted job is and, once it succeeded, its result document.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a job's state and, once it succeeded, its result.",
        discussion: """
            --format json prints {"id","state","attempts","error","result"}: error is {"code","message"} (the latest
            error of a job that has not succeeded: why it failed or died, or why it is being retried) or null; result is the result document of
            docs/result-schema.md, null until the job succeeded. --wait waits up to that many seconds for the job
            to finish and then prints whatever state it is in. Exit 0 whenever a state was printed (also failed
            or dead: read the state); 1 when the job is unknown (never submitted, or pruned) or the database
            cannot be read.

            Examples:
              speakwell status 0b9e4c1e-5a0e-4bd3-9d6a-0f4f8f5b2a11
              speakwell status "$(speakwell submit answer.wav)" --wait 30 --format json
            """
    )

    @Argument(help: ArgumentHelp("The job id that `speakwell submit` printed.", valueName: "JOB"))
    var job: String

    @Option(help: "Wait up to this many seconds for the job to finish.")
    var wait: Double = 0

    @Option(help: "Output: table (for people) or json.")
    var format: QueueOutputFormat = .table

    @OptionGroup var storage: QueueDatabaseOptions

    func validate() throws {
        guard JobID(job) != nil else { throw ValidationError("'\(job)' is not a job id (a UUID as printed by `speakwell submit`)") }
        guard wait >= 0, wait <= 86_400 else { throw ValidationError("--wait must be between 0 and 86400 seconds") }
    }

    func run() async throws {
        let id = JobID(job)!
        let found: JobRecord?
        do {
            found = try await storage.withQueue(creating: false) { queue in
                wait > 0 ? try await queue.waitForFinish(id, timeout: .milliseconds(Int64(wait * 1000)))
                         : try await queue.job(id)
            }
        } catch let error as QueueError {
            ErrorReport(code: error.codeString, message: error.detail, path: storage.database).print(asJSON: format == .json)
            throw InputFailure()
        }
        guard let record = found else {
            let error = QueueError.notFound(id)
            ErrorReport(code: error.codeString, message: error.detail, path: job).print(asJSON: format == .json)
            throw InputFailure()
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try JobStatusJSON.data(for: record) + Data("\n".utf8))
        case .table:
            print(table(for: record))
        }
    }

    private func table(for record: JobRecord) -> String {
        var lines = ["job \(record.id): \(record.state.rawValue) (attempts \(record.attempts) of \(record.maxAttempts))"]
        if record.state != .succeeded, let error = record.lastError {
            lines.append("last error: \(error.code): \(error.message)")
        }
        if record.state == .succeeded, let result = record.result {
            if let document = try? ResultDocument.decode(json: result) {
                lines.append(TableRenderer(document: document, title: record.metadata["file"] ?? "result",
                                           colour: isatty(STDOUT_FILENO) != 0).render())
            } else {
                lines.append("the stored result is not a \(ResultDocument.schemaIdentifier) document; use --format json")
            }
        }
        return lines.joined(separator: "\n")
    }
}
