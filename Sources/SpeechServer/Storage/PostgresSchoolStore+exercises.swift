import Foundation
import PostgresNIO

extension PostgresSchoolStore {
    private static let exerciseColumns = "id, class_id, title, prompt_text, references_json, created_at"

    public func insertExercise(_ exercise: Exercise) async throws {
        let references = try StoredJSON.encode(exercise.references)
        try await client.query("""
            INSERT INTO school_exercises (id, class_id, title, prompt_text, references_json, created_at)
            VALUES (\(exercise.id), \(exercise.classID), \(exercise.title), \(exercise.promptText), \(references),
                    \(exercise.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    public func updateExercise(_ exercise: Exercise) async throws {
        let references = try StoredJSON.encode(exercise.references)
        try await client.query("""
            UPDATE school_exercises SET title = \(exercise.title), prompt_text = \(exercise.promptText),
                references_json = \(references) WHERE id = \(exercise.id)
            """, logger: logger)
    }

    public func exercise(id: String) async throws -> Exercise? {
        try await exercises(client.query("SELECT \(unescaped: Self.exerciseColumns) FROM school_exercises WHERE id = \(id)",
                                         logger: logger)).first
    }

    public func exercises(classIDs: [String]) async throws -> [Exercise] {
        guard !classIDs.isEmpty else { return [] }
        return try await exercises(client.query("""
            SELECT \(unescaped: Self.exerciseColumns) FROM school_exercises WHERE class_id = ANY(\(classIDs))
            ORDER BY created_at, id
            """, logger: logger))
    }

    public func allExercises() async throws -> [Exercise] {
        try await exercises(client.query(
            "SELECT \(unescaped: Self.exerciseColumns) FROM school_exercises ORDER BY created_at, id", logger: logger))
    }

    private func exercises(_ rows: PostgresRowSequence) async throws -> [Exercise] {
        var exercises: [Exercise] = []
        for try await (id, classID, title, prompt, references, created) in rows.decode((String, String, String, String, String, Double).self) {
            exercises.append(Exercise(id: id, classID: classID, title: title, promptText: prompt,
                                      references: try StoredJSON.decode([ExerciseReference].self, from: references),
                                      createdAt: Date(timeIntervalSince1970: created)))
        }
        return exercises
    }
}
