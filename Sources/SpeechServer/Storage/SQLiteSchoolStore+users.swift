import Foundation
import GRDB

extension SQLiteSchoolStore {
    public func insertUser(_ user: User) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO school_users (id, name, role, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [user.id, user.name, user.role.rawValue, user.createdAt.timeIntervalSince1970])
        }
    }

    public func user(id: String) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, created_at FROM school_users WHERE id = ?", arguments: [id])
                .flatMap(Self.user(from:))
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role, created_at FROM school_users ORDER BY created_at, id")
                .compactMap(Self.user(from:))
        }
    }

    public func insertToken(hash: String, userID: String, label: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO school_tokens (hash, user_id, label, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, userID, label, Date().timeIntervalSince1970])
        }
    }

    public func user(tokenHash: String) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT u.id, u.name, u.role, u.created_at FROM school_tokens t JOIN school_users u ON u.id = t.user_id
                WHERE t.hash = ?
                """, arguments: [tokenHash]).flatMap(Self.user(from:))
        }
    }

    static func user(from row: Row) -> User? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return User(id: row["id"], name: row["name"], role: role,
                    createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
