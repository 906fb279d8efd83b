import Hummingbird

/// Finds the caller from `Authorization: Bearer TOKEN`, or from the `speakwell_token` cookie that the
/// pages set at sign-in (an `<audio>` element cannot send a header). A token that matches nobody is a 401
/// at once; no token leaves `context.user` nil and each route decides.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = SpeakwellContext
    static let cookieName = "speakwell_token"

    let store: any SchoolStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(in: request) else { return try await next(request, context) }
        guard let user = try await store.user(tokenHash: TokenHasher.hash(token)) else {
            throw APIError.unauthorized("the token is not valid (revoked, mistyped or from another installation)")
        }
        var context = context
        context.user = user
        context.logger[metadataKey: "user"] = "\(user.id)"
        return try await next(request, context)
    }

    static func token(in request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        return request.cookies[cookieName]?.value
    }
}
