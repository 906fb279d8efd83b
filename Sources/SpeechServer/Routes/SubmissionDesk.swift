import Foundation
import NIOPosix
import SpeechAudio
import SpeechQueue
import SpeechWorker

/// Taking in a recording: check it decodes (cheap, and bad input never reaches a worker), store it
/// durably, record the submission, enqueue its analysis. Blocking work (decoding, fsync) runs on NIO's
/// blocking thread pool, never on an event loop.
struct SubmissionDesk: Sendable {
    let environment: ServerEnvironment

    /// Decodes the upload once to refuse bad input with its `DecodeError` (422); returns its duration in seconds.
    func validate(_ bytes: Data) async throws -> Double {
        try await decode(bytes).durationSeconds
    }

    /// Decodes an upload on the blocking pool; a `DecodeError` becomes the 422 with its code.
    func decode(_ bytes: Data) async throws -> DecodedAudio {
        let limits = environment.configuration.decodeLimits
        let outcome: Result<DecodedAudio, DecodeError> = try await NIOThreadPool.singleton.runIfActive {
            do throws(DecodeError) {
                return .success(try AudioDecoder(limits: limits).decode(bytes: bytes))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let audio): return audio
        case .failure(let error): throw APIError.unprocessable(error)
        }
    }

    /// A stored recording read back (checksum verified) and decoded, on the blocking pool; for the pictures.
    func decodeStored(_ digest: RecordingDigest) async throws -> DecodedAudio {
        let recordings = environment.recordings, limits = environment.configuration.decodeLimits
        return try await NIOThreadPool.singleton.runIfActive {
            try AudioDecoder(limits: limits).decode(bytes: try recordings.read(digest))
        }
    }

    /// Writes the bytes to the recording store and returns once they are on disk (fsync).
    func store(_ bytes: Data) async throws -> RecordingDigest {
        let recordings = environment.recordings
        return try await NIOThreadPool.singleton.runIfActive { try recordings.store(bytes) }
    }

    /// Records the submission (or finds the earlier one with the same client key) and makes sure its job exists.
    func submit(_ submission: Submission, exercise: Exercise) async throws -> Submission {
        var stored = try await environment.store.insertSubmission(submission)
        if stored.jobID == nil {
            stored.jobID = try await enqueue(stored, exercise: exercise)
        }
        return stored
    }

    /// Enqueues the analysis with the submission's id as idempotency key, so a retry after a crash between
    /// storing and enqueueing never makes a second job.
    func enqueue(_ submission: Submission, exercise: Exercise) async throws -> String {
        let jobID = try await enqueueAnalysis(of: submission.recording, exercise: exercise, priority: .interactive,
                                              idempotencyKey: "submission:\(submission.id)",
                                              metadata: ["submission": submission.id, "exercise": exercise.id])
        try await environment.store.setJob(submissionID: submission.id, jobID: jobID)
        return jobID
    }

    /// Enqueues the analysis of a stored recording against the exercise's references; returns the job id.
    /// The same idempotency key always gives the same job.
    func enqueueAnalysis(of recording: String, exercise: Exercise, priority: JobPriority, idempotencyKey: String,
                         metadata: [String: String]) async throws -> String {
        guard let digest = RecordingDigest(hex: recording) else {
            throw APIError.badRequest("\(recording) names no valid recording")
        }
        let references = exercise.references.compactMap { reference in
            RecordingDigest(hex: reference.recording).map { ReferencePayload(recording: $0, words: reference.words) }
        }
        let payload = AnalysisJobPayload(recording: digest, references: references, promptText: exercise.promptText)
        let request = JobRequest(payload: payload.encoded(), metadata: metadata, priority: priority,
                                 idempotencyKey: idempotencyKey)
        return try await environment.queue.enqueue(request).jobID.description
    }

    /// At start: enqueue submissions that were stored but not enqueued (the process died in between).
    func recoverUnqueued() async throws -> Int {
        var recovered = 0
        for submission in try await environment.store.submissionsWithoutJob() {
            guard let exercise = try await environment.store.exercise(id: submission.exerciseID) else { continue }
            _ = try await enqueue(submission, exercise: exercise)
            recovered += 1
        }
        return recovered
    }

    /// The submission's job record, nil when it has none yet or it was pruned.
    func job(of submission: Submission, waitSeconds: Double = 0) async throws -> JobRecord? {
        guard let text = submission.jobID, let id = JobID(text) else { return nil }
        if waitSeconds > 0 {
            return try await environment.queue.waitForFinish(id, timeout: .milliseconds(Int64(waitSeconds * 1000)))
        }
        return try await environment.queue.job(id)
    }
}
