import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import SpeechQueue

/// Uploading recordings and following their analysis.
struct SubmissionRoutes {
    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    let environment: ServerEnvironment
    let access: AccessPolicy
    var desk: SubmissionDesk { SubmissionDesk(environment: environment) }

    func register(on router: Router<SpeakwellContext>) {
        let api = router.group("api/v1")
        api.post("exercises/:exercise/submissions", use: upload)
        api.get("submissions", use: list)
        api.get("submissions/:submission", use: show)
        api.get("submissions/:submission/result", use: result)
        api.get("submissions/:submission/recording", use: recording)
    }

    /// `POST /api/v1/exercises/{exercise}/submissions`: the body is the recording (WAV, FLAC, Ogg, MP3, AIFF).
    /// Size, media type and decodability are checked before anything is stored; 202 once it is on disk.
    @Sendable func upload(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.student, .admin)
        let exerciseID = try context.parameters.require("exercise")
        guard let exercise = try await access.visibleExercise(exerciseID, for: user) else { throw APIError.notFound("exercise") }
        let contentType = request.headers[.contentType]
        guard AcceptedMediaTypes.accepts(contentType) else { throw APIError.unsupportedMediaType(contentType) }
        let bytes = try await Self.collect(request, limitBytes: environment.configuration.uploadLimitBytes)
        let seconds = try await desk.validate(bytes)
        let digest = try await desk.store(bytes)
        let clientKey = RequestLogMiddleware.sanitized(request.headers[Self.idempotencyHeader])
        let submission = try await desk.submit(
            Submission(exerciseID: exercise.id, classID: exercise.classID, studentID: user.id, recording: digest.hex,
                       contentType: AcceptedMediaTypes.essence(of: contentType ?? ""), durationSeconds: seconds,
                       clientKey: clientKey),
            exercise: exercise)
        context.logger.info("submission stored", metadata: [
            "submission": "\(submission.id)", "job": "\(submission.jobID ?? "-")", "duration_s": "\(seconds)",
        ])
        let location = "/api/v1/submissions/\(submission.id)"
        return try JSONResponse.encode(
            UploadReceipt(id: submission.id, jobID: submission.jobID ?? "", state: "queued", location: location,
                          result: location + "/result", report: "/submissions/\(submission.id)/report"),
            status: .accepted, headers: [.location: location])
    }

    /// Reads the body up to the limit: a declared `Content-Length` over the limit is refused before a
    /// byte is read, a chunked body as soon as it passes the limit.
    static func collect(_ request: Request, limitBytes: Int) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limitBytes {
            throw APIError.payloadTooLarge(limitBytes: limitBytes)
        }
        var collected = ByteBuffer()
        for try await chunk in request.body {
            if collected.readableBytes + chunk.readableBytes > limitBytes {
                throw APIError.payloadTooLarge(limitBytes: limitBytes)
            }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        return Data(buffer: collected)
    }

    /// `GET /api/v1/submissions`: the caller's own (student), their classes' (teacher), all (admin).
    @Sendable func list(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.student, .teacher, .admin)
        var submissions: [Submission] = []
        switch user.role {
        case .student: submissions = try await environment.store.submissions(studentID: user.id)
        case .teacher:
            for schoolClass in try await environment.store.classes(teacherID: user.id) {
                submissions += try await environment.store.submissions(classID: schoolClass.id)
            }
        default:
            for schoolClass in try await environment.store.classes(teacherID: nil) {
                submissions += try await environment.store.submissions(classID: schoolClass.id)
            }
        }
        var views: [SubmissionView] = []
        for submission in submissions.prefix(500) {
            views.append(SubmissionView(submission, job: try await desk.job(of: submission)))
        }
        return try JSONResponse.encode(["submissions": views])
    }

    @Sendable func show(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let submission = try await visibleSubmission(request, context)
        return try JSONResponse.encode(SubmissionView(submission, job: try await desk.job(of: submission)))
    }

    /// `GET /api/v1/submissions/{id}/result[?wait=SECONDS]`: 200 with the result document once analysed;
    /// 202 with the state while queued or running (after waiting up to `wait` seconds for it to finish);
    /// 422 with the decoding error for a recording that cannot be analysed.
    @Sendable func result(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let submission = try await visibleSubmission(request, context)
        let requested = request.uri.queryParameters.get("wait", as: Double.self) ?? 0
        let wait = min(max(requested.isFinite ? requested : 0, 0), environment.configuration.longPollMaximumSeconds)
        guard let job = try await desk.job(of: submission, waitSeconds: wait) else {
            if submission.jobID == nil {
                return try JSONResponse.encode(["id": submission.id, "state": "queued"], status: .accepted, headers: [.retryAfter: "1"])
            }
            throw APIError(status: .gone, code: "pruned", message: "this result is older than the retention period and was deleted")
        }
        switch job.state {
        case .succeeded:
            return JSONResponse.raw(job.result ?? Data("{}".utf8))
        case .queued, .running:
            return try JSONResponse.encode(["id": submission.id, "state": job.state.rawValue], status: .accepted,
                                           headers: [.retryAfter: "1"])
        case .failed:
            let error = job.lastError ?? JobErrorInfo(code: "failed", message: "the recording could not be analysed")
            throw APIError(status: .unprocessableContent, code: error.code, message: error.message)
        case .dead:
            let error = job.lastError ?? JobErrorInfo(code: "dead", message: "the analysis failed repeatedly")
            throw APIError(status: .internalServerError, code: "analysis_failed",
                           message: "the analysis failed \(job.attempts) times and was given up (\(error.code): \(error.message))")
        case .cancelled:
            throw APIError(status: .gone, code: "cancelled", message: "the analysis was cancelled")
        }
    }

    /// `GET /api/v1/submissions/{id}/recording`: the uploaded bytes as they were stored.
    @Sendable func recording(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let submission = try await visibleSubmission(request, context)
        return try await RecordingResponse.make(digest: submission.recording, contentType: submission.contentType,
                                                recordings: environment.recordings)
    }

    private func visibleSubmission(_ request: Request, _ context: SpeakwellContext) async throws -> Submission {
        let user = try context.requireUser(.student, .teacher, .admin)
        let id = try context.parameters.require("submission")
        guard let submission = try await access.visibleSubmission(id, for: user) else { throw APIError.notFound("submission") }
        return submission
    }
}

/// 202 body of an upload.
struct UploadReceipt: Encodable {
    let id: String
    let jobID: String
    let state: String
    let location: String
    let result: String
    let report: String

    enum CodingKeys: String, CodingKey {
        case id, jobID = "job_id", state, location, result, report
    }
}
