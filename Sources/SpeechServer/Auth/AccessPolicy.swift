/// Who may see what. Rules (docs/api.md has the full route x role table):
/// a student sees their own submissions and the exercises of classes they are enrolled in;
/// a teacher sees their own classes, their exercises and submissions; an operator sees every exercise
/// (to score exams) and runs batches; an admin sees everything.
///
/// Something that exists but is not the caller's is reported exactly like something that does not exist
/// (404), so ids cannot be probed.
struct AccessPolicy: Sendable {
    let store: any SchoolStore

    /// The exercise when `user` may see it, else nil (the route answers 404).
    func visibleExercise(_ id: String, for user: User) async throws -> Exercise? {
        guard Identifier.isValid(id), let exercise = try await store.exercise(id: id) else { return nil }
        switch user.role {
        case .admin, .operator: return exercise
        case .teacher: return try await store.schoolClass(id: exercise.classID)?.teacherID == user.id ? exercise : nil
        case .student: return try await store.classIDs(studentID: user.id).contains(exercise.classID) ? exercise : nil
        }
    }

    func visibleExercises(for user: User) async throws -> [Exercise] {
        switch user.role {
        case .admin, .operator: return try await store.allExercises()
        case .teacher: return try await store.exercises(classIDs: store.classes(teacherID: user.id).map(\.id))
        case .student: return try await store.exercises(classIDs: store.classIDs(studentID: user.id))
        }
    }

    /// The submission when `user` may see it, else nil. Operators never see single submissions.
    func visibleSubmission(_ id: String, for user: User) async throws -> Submission? {
        guard Identifier.isValid(id), let submission = try await store.submission(id: id) else { return nil }
        switch user.role {
        case .admin: return submission
        case .operator: return nil
        case .student: return submission.studentID == user.id ? submission : nil
        case .teacher: return try await store.schoolClass(id: submission.classID)?.teacherID == user.id ? submission : nil
        }
    }

    /// The class when `user` (a teacher or admin) may see it, else nil.
    func visibleClass(_ id: String, for user: User) async throws -> SchoolClass? {
        guard Identifier.isValid(id), let schoolClass = try await store.schoolClass(id: id) else { return nil }
        switch user.role {
        case .admin: return schoolClass
        case .teacher: return schoolClass.teacherID == user.id ? schoolClass : nil
        case .student, .operator: return nil
        }
    }
}
