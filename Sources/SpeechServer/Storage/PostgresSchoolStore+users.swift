import Foundation
import PostgresNIO

extension PostgresSchoolStore {
    typealias UserRow = (String, String, String, Double)

    public func insertUser(_ user: User) async throws {
        try await client.query("""
            INSERT INTO school_users (id, name, role, created_at)
            VALUES (\(user.id), \(user.name), \(user.role.rawValue), \(user.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    public func user(id: String) async throws -> User? {
        try await users(client.query("SELECT id, name, role, created_at FROM school_users WHERE id = \(id)", logger: logger)).first
    }

    public func users() async throws -> [User] {
        try await users(client.query("SELECT id, name, role, created_at FROM school_users ORDER BY created_at, id", logger: logger))
    }

    public func insertToken(hash: String, userID: String, label: String) async throws {
        try await client.query("""
            INSERT INTO school_tokens (hash, user_id, label, created_at)
            VALUES (\(hash), \(userID), \(label), \(Date().timeIntervalSince1970))
            """, logger: logger)
    }

    public func user(tokenHash: String) async throws -> User? {
        try await users(client.query("""
            SELECT u.id, u.name, u.role, u.created_at FROM school_tokens t JOIN school_users u ON u.id = t.user_id
            WHERE t.hash = \(tokenHash)
            """, logger: logger)).first
    }

    func users(_ rows: PostgresRowSequence) async throws -> [User] {
        var users: [User] = []
        for try await (id, name, role, created) in rows.decode(UserRow.self) {
            guard let role = Role(rawValue: role) else { continue }
            users.append(User(id: id, name: name, role: role, createdAt: Date(timeIntervalSince1970: created)))
        }
        return users
    }
}
