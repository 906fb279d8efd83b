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
              speakwell analyze learner.wav --reference model1.wav --reference model2.wav
              speakwell analyze learner.wav --reference model.wav --text "The thin man thought about the three big ships."
              speakwell analyze learner.wav --text "The thin man thought about the three big ships."

            A reference's word timings are read from NAME.words.json ([{"word","start_s","end_s"}]) next to it;
            with them every word gets a score and a status (ok, mispronounced, omitted, inserted).
            With --text, a reference without that file is aligned to the text (see `speakwell align`), and with
            --text and no --reference the learner is scored against synthetic espeak-ng voices
            (pronunciation.reference_kind "synthetic").
            """
    )

    @Argument(help: "Recording to analyse (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3, ...).")
    var file: String

    @Option(help: "Output: json (the result document of docs/result-schema.md), table (for people), or textgrid (Praat TextGrid: syllables, pauses, speech, and words when known).")
    var format: OutputFormat = .table

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Model recording to score pronunciation against (repeat for several model speakers).", valueName: "REF"))
    var references: [String] = []

    @Option(help: "The exercise's prompt text: word timings for references without a sidecar, or synthetic references when no --reference is given.")
    var text: String?

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
        var configuration = AnalysisConfiguration()
        var referenceRecordings: [ReferenceRecording] = []
        if !references.isEmpty || text != nil {
            do {
                configuration.pronunciationModel = try PronunciationCalibration.locateDefault()
            } catch {
                ErrorReport(code: error.codeString, message: error.message, path: "Models").print(asJSON: format == .json)
                throw InputFailure()
            }
            referenceRecordings = try references.map(loadReference)
        }
        let analyzer = SpeechAnalyzer(configuration: configuration)
        var document = analyzer.analyze(audio)
        if !referenceRecordings.isEmpty || text != nil {
            // Word timings from --text for references without a sidecar, or synthetic references without any.
            let resolved: SpeechAnalyzer.ResolvedReferences
            do {
                resolved = try analyzer.referencesForScoring(AnalysisRequest(references: referenceRecordings, text: text))
            } catch {
                ErrorReport(code: error.codeString, message: error.message, path: file).print(asJSON: format == .json)
                throw InputFailure()
            }
            // Scored here rather than inside analyze() so that a bad reference or learner is a typed error (exit 1).
            do {
                document.pronunciation = try analyzer.pronunciation(audio, references: resolved.references, pitch: document.pitch)
                document.pronunciation?.referenceKind = resolved.kind
                document.pronunciation?.wordTimings = resolved.wordTimings
            } catch {
                ErrorReport(code: error.codeString, message: error.message, path: file).print(asJSON: format == .json)
                throw InputFailure()
            }
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try document.jsonData(pretty: true))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .table:
            print(TableRenderer(document: document, title: file, colour: isatty(STDOUT_FILENO) != 0).render())
        case .textgrid:
            FileHandle.standardOutput.write(Data(TextGridWriter.text(of: TextGrid(document: document)).utf8))
        }
    }

    /// Decodes a reference and reads its word-timing sidecar; a bad reference is a typed input error.
    private func loadReference(_ path: String) throws -> ReferenceRecording {
        let audio: DecodedAudio
        do {
            audio = try AudioDecoder(limits: DecodeLimits()).decode(path: path)
        } catch {
            ErrorReport(code: error.code, message: error.message, path: path).print(asJSON: format == .json)
            throw InputFailure()
        }
        do {
            let words = try ReferenceWordsSidecar.load(forReference: path, durationSeconds: audio.durationSeconds)
            return ReferenceRecording(name: path, samples: audio.samples, sampleRateHz: audio.sampleRateHz, words: words)
        } catch {
            ErrorReport(code: error.codeString, message: error.message, path: path).print(asJSON: format == .json)
            throw InputFailure()
        }
    }
}
