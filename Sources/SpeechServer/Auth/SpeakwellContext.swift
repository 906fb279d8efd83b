import Hummingbird
import Logging

/// Per-request state: the authenticated user (nil when the request carried no valid token) and the
/// request id that every log line and the `X-Request-Id` response header carry.
public struct SpeakwellContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The caller, or 401.
    public func requireUser() throws -> User {
        guard let user else { throw APIError.unauthorized() }
        return user
    }

    /// The caller when their role is one of `roles`; 401 without a token, 403 for another role.
    public func requireUser(_ roles: Role...) throws -> User {
        let user = try requireUser()
        guard roles.contains(user.role) else { throw APIError.forbidden(role: user.role) }
        return user
    }
}
