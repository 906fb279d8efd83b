import Foundation
import GRDB

extension SQLiteSchoolStore {
    public func insertClass(_ schoolClass: SchoolClass) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO school_classes (id, name, teacher_id, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [schoolClass.id, schoolClass.name, schoolClass.teacherID,
                                       schoolClass.createdAt.timeIntervalSince1970])
        }
    }

    public func schoolClass(id: String) async throws -> SchoolClass? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM school_classes WHERE id = ?", arguments: [id]).map(Self.schoolClass(from:))
        }
    }

    public func classes(teacherID: String?) async throws -> [SchoolClass] {
        try await pool.read { db in
            if let teacherID {
                return try Row.fetchAll(db, sql: "SELECT * FROM school_classes WHERE teacher_id = ? ORDER BY name",
                                        arguments: [teacherID]).map(Self.schoolClass(from:))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM school_classes ORDER BY name").map(Self.schoolClass(from:))
        }
    }

    public func enroll(studentID: String, classID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO school_enrollments (class_id, student_id) VALUES (?, ?)",
                           arguments: [classID, studentID])
        }
    }

    public func classIDs(studentID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT class_id FROM school_enrollments WHERE student_id = ? ORDER BY class_id",
                                arguments: [studentID])
        }
    }

    public func students(classID: String) async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.id, u.name, u.role, u.created_at FROM school_enrollments e JOIN school_users u ON u.id = e.student_id
                WHERE e.class_id = ? ORDER BY u.name
                """, arguments: [classID]).compactMap(Self.user(from:))
        }
    }

    static func schoolClass(from row: Row) -> SchoolClass {
        SchoolClass(id: row["id"], name: row["name"], teacherID: row["teacher_id"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
