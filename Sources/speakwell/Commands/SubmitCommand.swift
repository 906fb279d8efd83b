import ArgumentParser
import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechQueue
import SpeechWorker

/// `speakwell submit`: one recording into the queue, for `speakwell worker` (or `serve`) to analyse.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue one recording for analysis; prints the job id.",
        discussion: """
            The recording (and each reference) is checked to decode, then stored durably in the recordings
            folder (fsync) before the job is enqueued: once the id is printed, nothing is lost. A file that does
            not decode is refused with its typed error (exit 1) and nothing is enqueued. Submitting again with the
            same --key prints the job that key already names instead of making a second one.
            Follow the job with `speakwell status JOB --wait 30`.

            Examples:
              speakwell submit answer.wav --database sqlite:speakwell-data/speakwell.sqlite
              speakwell submit learner.wav --reference model.wav --key student42-ex7 --database postgres://speakwell@db/speakwell
              speakwell submit exam-017.flac --priority batch
            """
    )

    @Argument(help: "Recording to analyse (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3, ...).")
    var file: String

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Model recording to score pronunciation against (repeat for several model speakers); NAME.words.json next to it is sent along.",
        valueName: "REF"))
    var references: [String] = []

    @Option(help: "interactive (a student waiting) or batch (scoring runs; goes after interactive work, never starves).")
    var priority: JobPriority = .interactive

    @Option(name: .customLong("key"), help: ArgumentHelp(
        "Idempotency key: submitting the same key again returns the existing job.", valueName: "IDEMPOTENCY_KEY"))
    var idempotencyKey: String?

    @Option(name: .customLong("max-duration"), help: "Longest recording accepted, in seconds (workers check their own limit too).")
    var maxDurationSeconds: Double = DecodeLimits().maximumSeconds

    @OptionGroup var storage: QueueDatabaseOptions

    func validate() throws {
        guard maxDurationSeconds > 0 else { throw ValidationError("--max-duration must be a positive number of seconds") }
        if let idempotencyKey, idempotencyKey.isEmpty { throw ValidationError("--key must not be empty") }
    }

    func run() async throws {
        var limits = DecodeLimits()
        limits.maximumSeconds = maxDurationSeconds
        // Everything is read and checked before anything is stored, so a refusal leaves no trace.
        let learner = try checkedRecording(file, limits: limits)
        var referenceInputs: [(bytes: Data, words: [ReferenceWord]?)] = []
        for path in references {
            let bytes = try checkedRecording(path, limits: DecodeLimits())
            do {
                referenceInputs.append((bytes, try ReferenceWordsSidecar.load(forReference: path, durationSeconds: .infinity)))
            } catch {
                ErrorReport(code: error.codeString, message: error.message, path: path).print(asJSON: false)
                throw InputFailure()
            }
        }

        let receipt: EnqueueReceipt
        do {
            let recordings = try RecordingStore(directory: storage.recordingsDirectory)
            let payload = AnalysisJobPayload(
                recording: try recordings.store(learner),
                references: try referenceInputs.map { ReferencePayload(recording: try recordings.store($0.bytes), words: $0.words) })
            let request = JobRequest(payload: payload.encoded(), metadata: ["source": "cli", "file": file],
                                     priority: priority, idempotencyKey: idempotencyKey)
            receipt = try await storage.withQueue(creating: true) { queue in try await queue.enqueue(request) }
        } catch let error as QueueError {
            ErrorReport(code: error.codeString, message: error.detail, path: storage.database).print(asJSON: false)
            throw InputFailure()
        }
        if !receipt.created, let idempotencyKey {
            FileHandle.standardError.write(Data(
                "speakwell: key '\(idempotencyKey)' already names job \(receipt.jobID); not submitted again\n".utf8))
        }
        print(receipt.jobID)
    }

    /// The file's bytes, once they decode within `limits`; otherwise the typed error is reported (exit 1).
    /// The bytes are read once and those very bytes are decoded and later stored: what was checked is what runs.
    private func checkedRecording(_ path: String, limits: DecodeLimits) throws -> Data {
        do {
            let bytes = try readFile(path)
            _ = try AudioDecoder(limits: limits).decode(bytes: bytes)
            return bytes
        } catch {
            ErrorReport(code: error.code, message: error.message, path: path).print(asJSON: false)
            throw InputFailure()
        }
    }

    private func readFile(_ path: String) throws(DecodeError) -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable("\(path): no such file")
        }
        if isFolder.boolValue { throw .unreadable("\(path) is a folder") }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .unreadable("\(path): cannot be read (check its permissions)")
        }
        return bytes
    }
}
