import Foundation
import SpeechAudio
import SpeechWorker

/// First start: a demo class with one exercise (a model recording from AudioFixtures with its true word
/// timings) and one user per role, so a new user can open the page and record at once.
/// Runs only when the database has no users; the tokens exist only in its return value (printed once).
public enum DemoSeeder {
    public struct Credentials: Sendable {
        public var tokens: [Role: String]
        public var users: [Role: User]
        public var classID: String
        public var exerciseID: String
    }

    /// Seeds when the database has no users yet; nil when it had some.
    public static func seedIfEmpty(_ environment: ServerEnvironment, modelRecording: URL?) async throws -> Credentials? {
        guard try await environment.store.users().isEmpty else { return nil }
        return try await seed(environment, modelRecording: modelRecording)
    }

    public static func seed(_ environment: ServerEnvironment, modelRecording: URL?) async throws -> Credentials {
        let store = environment.store
        var users: [Role: User] = [:]
        var tokens: [Role: String] = [:]
        for (role, name) in [(Role.admin, "Demo Admin"), (.teacher, "Demo Teacher"), (.student, "Demo Student"), (.operator, "Demo Operator")] {
            let user = User(name: name, role: role)
            try await store.insertUser(user)
            let token = TokenHasher.makeToken()
            try await store.insertToken(hash: TokenHasher.hash(token), userID: user.id, label: "demo")
            users[role] = user
            tokens[role] = token
        }
        let schoolClass = SchoolClass(name: "Demo class", teacherID: users[.teacher]!.id)
        try await store.insertClass(schoolClass)
        try await store.enroll(studentID: users[.student]!.id, classID: schoolClass.id)

        let model = modelRecording.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
        let exercise = try await ExerciseImport.make(
            classID: schoolClass.id, title: "Read aloud: the quick brown fox",
            promptText: model.flatMap(ModelRecording.text(nextTo:)) ?? "The quick brown fox jumps over the lazy dog.",
            referenceFiles: model.map { [$0] } ?? [], environment: environment)
        try await store.insertExercise(exercise)
        return Credentials(tokens: tokens, users: users, classID: schoolClass.id, exerciseID: exercise.id)
    }
}
