import Foundation
import Hummingbird
import SpeechQueue

/// Who am I; users and tokens (admin); queue statistics (operator, admin).
struct UserRoutes {
    let environment: ServerEnvironment

    func register(on router: Router<SpeakwellContext>) {
        let api = router.group("api/v1")
        api.get("me") { _, context in try JSONResponse.encode(try context.requireUser()) }
        api.get("users", use: list)
        api.post("users", use: create)
        api.post("users/:user/tokens", use: issueToken)
        api.get("queue/stats", use: queueStats)
    }

    @Sendable func list(_ request: Request, context: SpeakwellContext) async throws -> Response {
        _ = try context.requireUser(.admin)
        return try JSONResponse.encode(["users": try await environment.store.users()])
    }

    struct NewUser: Decodable {
        let name: String
        let role: Role
    }

    @Sendable func create(_ request: Request, context: SpeakwellContext) async throws -> Response {
        _ = try context.requireUser(.admin)
        let body = try await JSONBody.decode(NewUser.self, from: request)
        guard !body.name.isEmpty else { throw APIError.badRequest("name must not be empty") }
        let user = User(name: body.name, role: body.role)
        try await environment.store.insertUser(user)
        return try JSONResponse.encode(user, status: .created)
    }

    /// `POST /api/v1/users/{id}/tokens`: a new bearer token, shown in this response only (only its hash is kept).
    @Sendable func issueToken(_ request: Request, context: SpeakwellContext) async throws -> Response {
        _ = try context.requireUser(.admin)
        let id = try context.parameters.require("user")
        guard Identifier.isValid(id), let user = try await environment.store.user(id: id) else { throw APIError.notFound("user") }
        let token = TokenHasher.makeToken()
        try await environment.store.insertToken(hash: TokenHasher.hash(token), userID: user.id, label: "api")
        return JSONResponse.object(["user_id": user.id, "token": token], status: .created)
    }

    @Sendable func queueStats(_ request: Request, context: SpeakwellContext) async throws -> Response {
        _ = try context.requireUser(.operator, .admin)
        let stats = try await environment.queue.stats()
        var counts: [String: Int] = [:]
        for (state, count) in stats.counts { counts[state.rawValue] = count }
        struct View: Encodable {
            let counts: [String: Int]
            let oldestQueuedAgeSeconds: Double?
            enum CodingKeys: String, CodingKey { case counts, oldestQueuedAgeSeconds = "oldest_queued_age_s" }
        }
        return try JSONResponse.encode(View(counts: counts, oldestQueuedAgeSeconds: stats.oldestQueuedAge?.seconds))
    }
}
