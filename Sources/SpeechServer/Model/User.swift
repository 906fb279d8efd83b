import Foundation

public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, role, createdAt = "created_at"
    }

    public init(id: String = Identifier.make(), name: String, role: Role, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}
