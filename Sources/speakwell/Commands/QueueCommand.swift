import ArgumentParser

/// `speakwell queue ...`: looking at the job queue itself.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Inspect the job queue.",
        subcommands: [QueueStatsCommand.self]
    )
}
