import Foundation
import PostgresNIO

extension PostgresSchoolStore {
    public func insertClass(_ schoolClass: SchoolClass) async throws {
        try await client.query("""
            INSERT INTO school_classes (id, name, teacher_id, created_at)
            VALUES (\(schoolClass.id), \(schoolClass.name), \(schoolClass.teacherID), \(schoolClass.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    public func schoolClass(id: String) async throws -> SchoolClass? {
        try await classes(client.query("SELECT id, name, teacher_id, created_at FROM school_classes WHERE id = \(id)", logger: logger)).first
    }

    public func classes(teacherID: String?) async throws -> [SchoolClass] {
        if let teacherID {
            return try await classes(client.query(
                "SELECT id, name, teacher_id, created_at FROM school_classes WHERE teacher_id = \(teacherID) ORDER BY name", logger: logger))
        }
        return try await classes(client.query("SELECT id, name, teacher_id, created_at FROM school_classes ORDER BY name", logger: logger))
    }

    public func enroll(studentID: String, classID: String) async throws {
        try await client.query("""
            INSERT INTO school_enrollments (class_id, student_id) VALUES (\(classID), \(studentID)) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    public func classIDs(studentID: String) async throws -> [String] {
        var ids: [String] = []
        let rows = try await client.query(
            "SELECT class_id FROM school_enrollments WHERE student_id = \(studentID) ORDER BY class_id", logger: logger)
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    public func students(classID: String) async throws -> [User] {
        try await users(client.query("""
            SELECT u.id, u.name, u.role, u.created_at FROM school_enrollments e JOIN school_users u ON u.id = e.student_id
            WHERE e.class_id = \(classID) ORDER BY u.name
            """, logger: logger))
    }

    private func classes(_ rows: PostgresRowSequence) async throws -> [SchoolClass] {
        var classes: [SchoolClass] = []
        for try await (id, name, teacherID, created) in rows.decode((String, String, String, Double).self) {
            classes.append(SchoolClass(id: id, name: name, teacherID: teacherID, createdAt: Date(timeIntervalSince1970: created)))
        }
        return classes
    }
}
