import SpeechAnalysis
import Foundation
import HTTPTypes
import Hummingbird
import SpeechWorker

/// Exercises: listing, details, model recordings; teachers create them and add model recordings.
struct ExerciseRoutes {
    let environment: ServerEnvironment
    let access: AccessPolicy

    func register(on router: Router<SpeakwellContext>) {
        let api = router.group("api/v1")
        api.get("exercises", use: list)
        api.get("exercises/:exercise", use: show)
        api.get("exercises/:exercise/references/:index", use: referenceAudio)
        api.post("classes/:class/exercises", use: create)
        api.post("exercises/:exercise/references", use: addReference)
    }

    @Sendable func list(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser()
        return try JSONResponse.encode(["exercises": try await access.visibleExercises(for: user).map(ExerciseView.init)])
    }

    @Sendable func show(_ request: Request, context: SpeakwellContext) async throws -> Response {
        try JSONResponse.encode(ExerciseView(try await visibleExercise(context)))
    }

    /// `GET /api/v1/exercises/{id}/references/{index}`: model recording number `index` (0-based).
    @Sendable func referenceAudio(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let exercise = try await visibleExercise(context)
        guard let index = Int(try context.parameters.require("index")), exercise.references.indices.contains(index) else {
            throw APIError.notFound("reference recording")
        }
        let reference = exercise.references[index]
        return try await RecordingResponse.make(digest: reference.recording, contentType: reference.contentType,
                                                recordings: environment.recordings)
    }

    struct NewExercise: Decodable {
        let title: String
        let promptText: String
        enum CodingKeys: String, CodingKey { case title, promptText = "prompt_text" }
    }

    /// `POST /api/v1/classes/{class}/exercises` with `{"title","prompt_text"}`: 201 and the exercise.
    @Sendable func create(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.teacher, .admin)
        guard let schoolClass = try await access.visibleClass(try context.parameters.require("class"), for: user) else {
            throw APIError.notFound("class")
        }
        let body = try await JSONBody.decode(NewExercise.self, from: request)
        guard !body.title.isEmpty, !body.promptText.isEmpty else { throw APIError.badRequest("title and prompt_text must not be empty") }
        let exercise = Exercise(classID: schoolClass.id, title: body.title, promptText: body.promptText)
        try await environment.store.insertExercise(exercise)
        return try JSONResponse.encode(ExerciseView(exercise), status: .created,
                                       headers: [.location: "/api/v1/exercises/\(exercise.id)"])
    }

    /// `POST /api/v1/exercises/{id}/references`: the body is a model recording; the
    /// optional `X-Reference-Words` header carries its word timings as JSON `[{"word","start_s","end_s"}]`.
    @Sendable func addReference(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.teacher, .admin)
        guard var exercise = try await access.visibleExercise(try context.parameters.require("exercise"), for: user) else {
            throw APIError.notFound("exercise")
        }
        let contentType = request.headers[.contentType]
        guard AcceptedMediaTypes.accepts(contentType) else { throw APIError.unsupportedMediaType(contentType) }
        var words: [ReferenceWord]?
        if let header = request.headers[HTTPField.Name("X-Reference-Words")!] {
            do {
                words = try JSONDecoder().decode([ReferenceWord].self, from: Data(header.utf8))
            } catch {
                throw APIError.badRequest("X-Reference-Words is not a JSON array of {\"word\",\"start_s\",\"end_s\"}: \(error)")
            }
        }
        let bytes = try await SubmissionRoutes.collect(request, limitBytes: environment.configuration.uploadLimitBytes)
        let desk = SubmissionDesk(environment: environment)
        let audio = try await desk.decode(bytes)
        let digest = try await desk.store(bytes)
        var reference = ExerciseReference(recording: digest.hex, contentType: AcceptedMediaTypes.essence(of: contentType ?? ""),
                                          durationSeconds: audio.durationSeconds, words: words)
        if words == nil {
            // Nobody draws a TextGrid: the words are found from the prompt text now, so the teacher sees the
            // boundaries (GET the exercise) and every submission is scored word by word.
            if let alignment = await ReferenceAlignment.align(audio, text: exercise.promptText) {
                reference.words = alignment.referenceWords
                reference.wordsSource = "aligned"
                reference.unplacedWords = alignment.unplacedWords
            }
        }
        exercise.references.append(reference)
        try await environment.store.updateExercise(exercise)
        return try JSONResponse.encode(ExerciseView(exercise), status: .created)
    }

    private func visibleExercise(_ context: SpeakwellContext) async throws -> Exercise {
        let user = try context.requireUser()
        guard let exercise = try await access.visibleExercise(try context.parameters.require("exercise"), for: user) else {
            throw APIError.notFound("exercise")
        }
        return exercise
    }
}

/// An exercise as the API shows it: references by index with their audio URL, not by digest.
struct ExerciseView: Encodable {
    struct Reference: Encodable {
        let index: Int
        let url: String
        let durationSeconds: Double
        let words: [ReferenceWord]?
        let wordsSource: String?
        let unplacedWords: [String]?
        enum CodingKeys: String, CodingKey {
            case index, url, durationSeconds = "duration_s", words, wordsSource = "words_source", unplacedWords = "unplaced_words"
        }
    }

    let id: String
    let classID: String
    let title: String
    let promptText: String
    let references: [Reference]
    let submissions: String

    enum CodingKeys: String, CodingKey {
        case id, classID = "class_id", title, promptText = "prompt_text", references, submissions
    }

    init(_ exercise: Exercise) {
        id = exercise.id
        classID = exercise.classID
        title = exercise.title
        promptText = exercise.promptText
        references = exercise.references.enumerated().map { index, reference in
            Reference(index: index, url: "/api/v1/exercises/\(exercise.id)/references/\(index)",
                      durationSeconds: reference.durationSeconds, words: reference.words,
                      wordsSource: reference.wordsSource, unplacedWords: reference.unplacedWords)
        }
        submissions = "/api/v1/exercises/\(exercise.id)/submissions"
    }
}
