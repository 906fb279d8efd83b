import ArgumentParser
import Foundation
import SpeechQueue

/// `speakwell queue stats`: jobs per state and how long the oldest due job has waited.
struct QueueStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count jobs per state and show the oldest queued job's age.",
        discussion: """
            --format json prints {"counts":{"queued","running","succeeded","failed","dead","cancelled"},
            "oldest_queued_age_s"}: every state is present (0 when empty); the age is how long the longest-waiting
            due job has been due, null when nothing is waiting. Finished jobs count until retention prunes them.

            Examples:
              speakwell queue stats --database sqlite:speakwell-data/speakwell.sqlite
              speakwell queue stats --database postgres://speakwell@db/speakwell --format json
            """
    )

    @Option(help: "Output: table (for people) or json.")
    var format: QueueOutputFormat = .table

    @OptionGroup var storage: QueueDatabaseOptions

    func run() async throws {
        let stats: QueueStats
        do {
            stats = try await storage.withQueue(creating: false) { queue in try await queue.stats() }
        } catch let error as QueueError {
            ErrorReport(code: error.codeString, message: error.detail, path: storage.database).print(asJSON: format == .json)
            throw InputFailure()
        }
        let ageSeconds = stats.oldestQueuedAge.map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let counts = Dictionary(uniqueKeysWithValues: stats.counts.map { ($0.key.rawValue, $0.value) })
            FileHandle.standardOutput.write(try encoder.encode(Document(counts: counts, oldestQueuedAgeSeconds: ageSeconds))
                                            + Data("\n".utf8))
        case .table:
            var lines = JobState.allCases.map { state in
                state.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + String(stats.counts[state] ?? 0)
            }
            lines.append("oldest queued".padding(toLength: 14, withPad: " ", startingAt: 0)
                         + (ageSeconds.map { String(format: "%.1f s", $0) } ?? "-"))
            print(lines.joined(separator: "\n"))
        }
    }

    /// The JSON shape; `oldest_queued_age_s` is always present (null when nothing waits).
    private struct Document: Encodable {
        let counts: [String: Int]
        let oldestQueuedAgeSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case counts
            case oldestQueuedAgeSeconds = "oldest_queued_age_s"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(counts, forKey: .counts)
            if let oldestQueuedAgeSeconds { try container.encode(oldestQueuedAgeSeconds, forKey: .oldestQueuedAgeSeconds) }
            else { try container.encodeNil(forKey: .oldestQueuedAgeSeconds) }
        }
    }
}
