import Foundation
import GRDB

extension SQLiteSchoolStore {
    public func insertExercise(_ exercise: Exercise) async throws {
        let references = try StoredJSON.encode(exercise.references)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO school_exercises (id, class_id, title, prompt_text, references_json, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [exercise.id, exercise.classID, exercise.title, exercise.promptText, references,
                                 exercise.createdAt.timeIntervalSince1970])
        }
    }

    public func updateExercise(_ exercise: Exercise) async throws {
        let references = try StoredJSON.encode(exercise.references)
        try await pool.write { db in
            try db.execute(sql: "UPDATE school_exercises SET title = ?, prompt_text = ?, references_json = ? WHERE id = ?",
                           arguments: [exercise.title, exercise.promptText, references, exercise.id])
        }
    }

    public func exercise(id: String) async throws -> Exercise? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM school_exercises WHERE id = ?", arguments: [id]).map(Self.exercise(from:))
        }
    }

    public func exercises(classIDs: [String]) async throws -> [Exercise] {
        guard !classIDs.isEmpty else { return [] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: classIDs.count).joined(separator: ",")
            return try Row.fetchAll(db, sql: "SELECT * FROM school_exercises WHERE class_id IN (\(marks)) ORDER BY created_at, id",
                                    arguments: StatementArguments(classIDs)).map(Self.exercise(from:))
        }
    }

    public func allExercises() async throws -> [Exercise] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM school_exercises ORDER BY created_at, id").map(Self.exercise(from:))
        }
    }

    static func exercise(from row: Row) throws -> Exercise {
        Exercise(id: row["id"], classID: row["class_id"], title: row["title"], promptText: row["prompt_text"],
                 references: try StoredJSON.decode([ExerciseReference].self, from: row["references_json"]),
                 createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
