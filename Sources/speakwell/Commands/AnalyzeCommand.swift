import ArgumentParser
import Foundation
import SpeechAnalysis
import SpeechAudio

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse one recording and print its result document.",
        discussion: """
            Examples:
              speakwell analyze answer.wav
              speakwell analyze answer.mp3 --format json
              speakwell analyze long-talk.flac --max-duration 1800
              speakwell analyze answer.wav --format textgrid > answer.TextGrid
            """
    )

    @Argument(help: "Recording to analyse (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3, ...).")
    var file: String

    @Option(help: "Output: json (the result document of docs/result-schema.md), table (for people), or textgrid (Praat TextGrid: syllables, pauses, speech, and words when known).")
    var format: OutputFormat = .table

    @Option(name: .customLong("max-duration"), help: "Longest recording accepted, in seconds.")
    var maxDurationSeconds: Double = DecodeLimits().maximumSeconds

    func validate() throws {
        guard maxDurationSeconds > 0 else {
            throw ValidationError("--max-duration must be a positive number of seconds")
        }
    }

    func run() async throws {
        var limits = DecodeLimits()
        limits.maximumSeconds = maxDurationSeconds
        let audio: DecodedAudio
        do {
            audio = try AudioDecoder(limits: limits).decode(path: file)
        } catch {
            ErrorReport(code: error.code, message: error.message, path: file).print(asJSON: format == .json)
            throw InputFailure()
        }
        let document = SpeechAnalyzer().analyze(audio)
        switch format {
        case .json:
            FileHandle.standardOutput.write(try document.jsonData(pretty: true))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .table:
            print(TableRenderer(document: document, title: file).render())
        case .textgrid:
            FileHandle.standardOutput.write(Data(TextGridWriter.text(of: TextGrid(document: document)).utf8))
        }
    }
}
