import Foundation

/// A class: one teacher, enrolled students, exercises.
public struct SchoolClass: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var teacherID: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, teacherID = "teacher_id", createdAt = "created_at"
    }

    public init(id: String = Identifier.make(), name: String, teacherID: String, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.teacherID = teacherID
        self.createdAt = createdAt
    }
}
