import Foundation
import Hummingbird
import SpeechQueue

/// Server-rendered pages: sign-in, the student's practice page, the teacher's classes and class overview.
/// Pages authenticate with the `speakwell_token` cookie set at sign-in (HttpOnly, SameSite=Strict).
struct PageRoutes {
    let environment: ServerEnvironment
    let access: AccessPolicy

    func register(on router: Router<SpeakwellContext>) {
        router.get("/", use: home)
        router.get("login", use: signInLink)
        router.post("login", use: signIn)
        router.post("logout", use: signOut)
        router.get("practice", use: practice)
        router.get("classes", use: classes)
        router.get("classes/:class", use: classPage)
        router.get("exercises/:exercise", use: exercisePage)
    }

    static func redirectToSignIn(from request: Request) -> Response {
        Response(status: .seeOther, headers: [.location: "/"])
    }

    static func landing(for user: User) -> String {
        switch user.role {
        case .student, .admin: "/practice"
        case .teacher: "/classes"
        case .operator: "/api/v1/queue/stats"
        }
    }

    @Sendable func home(_ request: Request, context: SpeakwellContext) async throws -> Response {
        if let user = context.user { return Response(status: .seeOther, headers: [.location: Self.landing(for: user)]) }
        return ReportRoutes.html(HTML.page(title: "Sign in", user: nil, body: SignInPage.body(error: nil)))
    }

    /// `GET /login?token=T`: the link `speakwell serve` prints for the demo users.
    @Sendable func signInLink(_ request: Request, context: SpeakwellContext) async throws -> Response {
        try await startSession(token: request.uri.queryParameters.get("token") ?? "")
    }

    @Sendable func signIn(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let body = try await SubmissionRoutes.collect(request, limitBytes: 4096)
        let form = FormFields(String(decoding: body, as: UTF8.self))
        return try await startSession(token: form["token"] ?? "")
    }

    private func startSession(token: String) async throws -> Response {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, let user = try await environment.store.user(tokenHash: TokenHasher.hash(token)) else {
            return ReportRoutes.html(HTML.page(title: "Sign in", user: nil, body: SignInPage.body(error: "That token is not valid.")),
                                     status: .unauthorized)
        }
        var headers: HTTPFields = [.location: Self.landing(for: user)]
        headers[.setCookie] = "\(BearerAuthenticator.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
        return Response(status: .seeOther, headers: headers)
    }

    @Sendable func signOut(_ request: Request, context: SpeakwellContext) async throws -> Response {
        var headers: HTTPFields = [.location: "/"]
        headers[.setCookie] = "\(BearerAuthenticator.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        return Response(status: .seeOther, headers: headers)
    }

    @Sendable func practice(_ request: Request, context: SpeakwellContext) async throws -> Response {
        guard let user = context.user else { return Self.redirectToSignIn(from: request) }
        _ = try context.requireUser(.student, .admin)
        let exercises = try await access.visibleExercises(for: user)
        let selectedID = request.uri.queryParameters.get("exercise")
        let selected = exercises.first { $0.id == selectedID } ?? exercises.first
        let history = user.role == .student ? try await environment.store.submissions(studentID: user.id) : []
        let body = PracticePage.body(exercises: exercises, selected: selected, history: Array(history.prefix(10)),
                                     uploadLimitBytes: environment.configuration.uploadLimitBytes)
        return ReportRoutes.html(HTML.page(title: "Practice", user: user, body: body, script: PracticePage.script))
    }

    @Sendable func classes(_ request: Request, context: SpeakwellContext) async throws -> Response {
        guard let user = context.user else { return Self.redirectToSignIn(from: request) }
        _ = try context.requireUser(.teacher, .admin)
        let classes = try await environment.store.classes(teacherID: user.role == .admin ? nil : user.id)
        var body = "<h1>Classes</h1>"
        body += classes.isEmpty ? "<p>No classes yet.</p>"
            : "<ul>" + classes.map { "<li><a href=\"/classes/\($0.id)\">\(HTML.escape($0.name))</a></li>" }.joined() + "</ul>"
        return ReportRoutes.html(HTML.page(title: "Classes", user: user, body: body))
    }

    @Sendable func classPage(_ request: Request, context: SpeakwellContext) async throws -> Response {
        guard let user = context.user else { return Self.redirectToSignIn(from: request) }
        _ = try context.requireUser(.teacher, .admin)
        guard let schoolClass = try await access.visibleClass(try context.parameters.require("class"), for: user) else {
            throw APIError.notFound("class")
        }
        let rows = try await ClassOverview.rows(of: schoolClass, environment: environment)
        let exercises = try await environment.store.exercises(classIDs: [schoolClass.id])
        return ReportRoutes.html(HTML.page(title: schoolClass.name, user: user,
                                           body: ClassPage.body(schoolClass: schoolClass, rows: rows, exercises: exercises),
                                           script: ClassPage.script))
    }

    /// `/exercises/{id}`: the teacher checks the prompt, the model recordings and their word boundaries.
    @Sendable func exercisePage(_ request: Request, context: SpeakwellContext) async throws -> Response {
        guard let user = context.user else { return Self.redirectToSignIn(from: request) }
        _ = try context.requireUser(.teacher, .admin)
        guard let exercise = try await access.visibleExercise(try context.parameters.require("exercise"), for: user) else {
            throw APIError.notFound("exercise")
        }
        var models: [ExercisePage.Model] = []
        for (index, reference) in exercise.references.enumerated() {
            guard let digest = RecordingDigest(hex: reference.recording) else { continue }
            let audio = try? await SubmissionDesk(environment: environment).decodeStored(digest)
            models.append(ExercisePage.Model(index: index, reference: reference, samples: audio?.samples ?? [],
                                             sampleRateHz: audio?.sampleRateHz ?? 16_000))
        }
        return ReportRoutes.html(HTML.page(title: exercise.title, user: user, body: ExercisePage.body(exercise: exercise, models: models)))
    }
}

/// `application/x-www-form-urlencoded` fields.
struct FormFields {
    private var fields: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
    }

    subscript(key: String) -> String? { fields[key] }
}
