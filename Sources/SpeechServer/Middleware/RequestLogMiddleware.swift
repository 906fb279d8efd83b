import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Outermost middleware: gives each request an id (the client's `X-Request-Id` when it is sane),
/// turns every error into the JSON error body, and logs one structured line per request.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SpeakwellContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.sanitized(request.headers[Self.header]) ?? Identifier.make()
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = "\(requestID)"
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Self.errorResponse(error, request: request, context: context)
        }
        response.headers[Self.header] = requestID
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let level: Logger.Level = response.status.code >= 500 ? .error : .info
        context.logger.log(level: level, "request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            "status": "\(response.status.code)", "duration_ms": "\(Int(milliseconds.rounded()))",
        ])
        return response
    }

    static func errorResponse(_ error: any Error, request: Request, context: Context) throws -> Response {
        if let api = error as? APIError {
            return try api.response(from: request, context: context)
        }
        if let http = error as? HTTPError {
            let code: String = switch http.status {
            case .notFound: "not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .contentTooLarge: "payload_too_large"
            case .badRequest: "bad_request"
            case .unsupportedMediaType: "unsupported_media_type"
            default: http.status.code >= 500 ? "internal" : "http_\(http.status.code)"
            }
            let message = http.body ?? http.status.reasonPhrase
            return try APIError(status: http.status, code: code, message: message).response(from: request, context: context)
        }
        if let responseError = error as? any HTTPResponseError, responseError.status.code < 500 {
            return try APIError(status: responseError.status, code: "http_\(responseError.status.code)",
                                message: responseError.status.reasonPhrase).response(from: request, context: context)
        }
        context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
        return try APIError.internalError(requestID: context.requestID).response(from: request, context: context)
    }

    /// Accepts up to 128 visible ASCII characters, so a client cannot inject into the logs.
    static func sanitized(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        return value
    }
}
