import ArgumentParser
import Foundation
import SpeechAnalysis
import SpeechAudio

/// `speakwell align REF.wav --text "..."`: word timings of a model recording from its prompt text, written
/// next to it as the sidecar the pronunciation scorer reads (docs/pronunciation.md "Where word timings come from").
struct AlignCommand: AsyncParsableCommand {
    enum SidecarFormat: String, ExpressibleByArgument, CaseIterable { case json, textgrid }

    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Find the word timings of a model recording from the text it says.",
        discussion: """
            Examples:
              speakwell align model.wav --text "The thin man thought about the three big ships."
              speakwell align model.wav --text "..." --format textgrid      (writes model.TextGrid, tier "words")

            Writes REF.words.json ([{"word","start_s","end_s"}], placed words only) or REF.TextGrid next to the
            recording and prints every word of the text with its times (null for a word that could not be
            placed: check it and correct the sidecar by hand, e.g. in Praat).
            """
    )

    @Argument(help: "Model recording (WAV, FLAC, MP3, ...).")
    var file: String

    @Option(help: "The text the recording says.")
    var text: String

    @Option(help: "Sidecar to write: json (REF.words.json) or textgrid (REF.TextGrid with a \"words\" tier).")
    var format: SidecarFormat = .json

    @Option(help: "Where to write the sidecar (default: next to the recording).")
    var output: String?

    func run() async throws {
        let audio: DecodedAudio
        do {
            audio = try AudioDecoder(limits: DecodeLimits()).decode(path: file)
        } catch {
            ErrorReport(code: error.code, message: error.message, path: file).print(asJSON: true)
            throw InputFailure()
        }
        // The learned projection of the pronunciation model when it is installed; normalised MFCC otherwise.
        let projection = (try? PronunciationCalibration.locateDefault())?.projection
        let alignment: WordAlignment
        do {
            alignment = try ReferenceAligner(projection: projection).align(samples: audio.samples, text: text, name: file)
        } catch {
            ErrorReport(code: error.codeString, message: error.message, path: file).print(asJSON: true)
            throw InputFailure()
        }
        let paths = ReferenceWordsSidecar.candidatePaths(forReference: file)
        let destination = output ?? (format == .json ? paths.json : paths.textGrid)
        let contents: Data
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted]
            contents = try encoder.encode(alignment.referenceWords) + Data("\n".utf8)
        case .textgrid:
            let tier = TextGridTier.tiling(name: "words", start: 0, end: audio.durationSeconds,
                                           labelled: alignment.referenceWords.map {
                                               .init(startSeconds: $0.startSeconds, endSeconds: $0.endSeconds, text: $0.word)
                                           })
            contents = Data(TextGridWriter.text(of: TextGrid(startSeconds: 0, endSeconds: audio.durationSeconds, tiers: [tier])).utf8)
        }
        do {
            try contents.write(to: URL(fileURLWithPath: destination))
        } catch {
            ErrorReport(code: "output_unwritable", message: "\(error.localizedDescription); choose another --output",
                        path: destination).print(asJSON: true)
            throw InputFailure()
        }
        if !alignment.unplacedWords.isEmpty {
            FileHandle.standardError.write(Data("speakwell: \(file): words not placed (left out of \(destination)): \(alignment.unplacedWords.joined(separator: ", "))\n".utf8))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(alignment) + Data("\n".utf8))
    }
}
