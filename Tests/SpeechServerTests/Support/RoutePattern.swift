import Hummingbird
import SpeechServer

/// Route paths written as OpenAPI does: leading slash, `{name}` for parameters.
enum RoutePattern {
    static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "/" + segments.joined(separator: "/")
    }

    static func registered(_ router: Router<SpeakwellContext>) -> Set<String> {
        Set(router.routes.map { "\($0.method.rawValue) \(normalized($0.path.description))" })
    }
}
