import ArgumentParser

struct Speakwell: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "speakwell",
        abstract: "Speaking-practice audio analysis: pitch, pauses, fluency and pronunciation.",
        discussion: """
            Examples:
              speakwell analyze AudioFixtures/speech/sentence1.wav
              speakwell analyze answer.flac --format json > result.json

            Exit codes: 0 success, 1 the recording could not be analysed (typed error on stderr), 2 usage.
            """,
        version: version,
        subcommands: [AnalyzeCommand.self, AlignCommand.self, BatchCommand.self, ServeCommand.self, WorkerCommand.self,
                      SubmitCommand.self, StatusCommand.self, QueueCommand.self, AdminCommand.self]
    )
}
