import Foundation
import Hummingbird
import SpeechAnalysis
import SpeechAudio
import SpeechQueue

/// A submission's pictures: the teacher's report page, the feedback fragment the practice page shows,
/// and the TextGrid download.
struct ReportRoutes {
    let environment: ServerEnvironment
    let access: AccessPolicy
    let models: ModelAnalysisCache

    init(environment: ServerEnvironment, access: AccessPolicy) {
        self.environment = environment
        self.access = access
        models = ModelAnalysisCache(recordings: environment.recordings, limits: environment.configuration.decodeLimits)
    }

    func register(on router: Router<SpeakwellContext>) {
        router.get("submissions/:submission/report", use: report)
        router.get("submissions/:submission/feedback", use: feedback)
        router.get("api/v1/submissions/:submission/textgrid", use: textGrid)
    }

    /// The finished analysis of a visible submission, plus its exercise; throws the API's errors.
    private func finished(_ context: SpeakwellContext) async throws -> (Submission, Exercise?, ResultDocument?, JobRecord?) {
        let user = try context.requireUser(.student, .teacher, .admin)
        guard let submission = try await access.visibleSubmission(try context.parameters.require("submission"), for: user) else {
            throw APIError.notFound("submission")
        }
        let job = try await SubmissionDesk(environment: environment).job(of: submission)
        let document = job?.result.flatMap { try? ResultDocument.decode(json: $0) }
        return (submission, try await environment.store.exercise(id: submission.exerciseID), document, job)
    }

    private func modelDocument(_ exercise: Exercise?) async -> ResultDocument? {
        guard let reference = exercise?.references.first else { return nil }
        return await models.document(for: reference.recording)
    }

    /// `GET /submissions/{id}/feedback`: the HTML fragment with the feedback (202 with a note while pending).
    @Sendable func feedback(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let (_, exercise, document, job) = try await finished(context)
        guard let document else {
            return Self.html("<p class=\"status\">Analysis \(job?.state.rawValue ?? "pending")…</p>", status: .accepted)
        }
        return Self.html(FeedbackView(document: document, model: await modelDocument(exercise)).render())
    }

    /// `GET /submissions/{id}/report`: the full report page (sign-in page when there is no session).
    @Sendable func report(_ request: Request, context: SpeakwellContext) async throws -> Response {
        guard let user = context.user else { return PageRoutes.redirectToSignIn(from: request) }
        let (submission, exercise, document, job) = try await finished(context)
        let student = try await environment.store.user(id: submission.studentID)
        var body = "<h1>Report: \(HTML.escape(exercise?.title ?? "exercise"))</h1>"
        body += "<p>Student: <b>\(HTML.escape(student?.name ?? submission.studentID))</b> · submitted "
            + "\(submission.createdAt.formatted(.iso8601)) · \(HTML.number(submission.durationSeconds, 1)) s</p>"
        if let exercise { body += "<p class=\"prompt\">\(HTML.escape(exercise.promptText))</p>" }
        body += "<h2>Playback</h2><label for=\"learner-audio\">Student's recording</label>"
            + "<audio id=\"learner-audio\" controls preload=\"none\" src=\"/api/v1/submissions/\(submission.id)/recording\"></audio>"
        if let exercise, !exercise.references.isEmpty {
            body += "<label for=\"model-audio\">Model recording</label>"
                + "<audio id=\"model-audio\" controls preload=\"none\" src=\"/api/v1/exercises/\(exercise.id)/references/0\"></audio>"
        }
        if let document {
            var view = FeedbackView(document: document, model: await modelDocument(exercise))
            view.waveform = try? await waveform(of: submission)
            body += view.render()
            if TextGridWriter.textGrid(for: document) != nil {
                body += "<p><a id=\"textgrid\" href=\"/api/v1/submissions/\(submission.id)/textgrid\" download>Download TextGrid (Praat)</a></p>"
            }
        } else {
            let error = job?.lastError.map { " (\($0.code): \($0.message))" } ?? ""
            body += "<p class=\"status\">Analysis \(job?.state.rawValue ?? "pending")\(HTML.escape(error)).</p>"
        }
        return Self.html(HTML.page(title: "Report", user: user, body: body))
    }

    /// `GET /api/v1/submissions/{id}/textgrid`: tiers syllables, pauses, words (404 until there is a result with them).
    @Sendable func textGrid(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let (submission, _, document, _) = try await finished(context)
        guard let document, let text = TextGridWriter.textGrid(for: document) else {
            throw APIError(status: .notFound, code: "not_available", message: "no TextGrid yet: the analysis has not produced speech or word timings")
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(submission.id).TextGrid\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func waveform(of submission: Submission) async throws -> (samples: [Float], sampleRateHz: Int)? {
        guard let digest = RecordingDigest(hex: submission.recording) else { return nil }
        let audio = try await SubmissionDesk(environment: environment).decodeStored(digest)
        return (audio.samples, audio.sampleRateHz)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
