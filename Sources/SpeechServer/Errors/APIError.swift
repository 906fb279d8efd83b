import Foundation
import Hummingbird
import SpeechAudio

/// Every error the API returns: an HTTP status and the JSON body `{"error":{"code","message"}}`.
///
/// Codes are stable (clients branch on them); decoding refusals carry `DecodeError`'s codes
/// (`tooShort`, `silent`, ...), so the CLI, the API and batch outputs agree.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var extraHeaders: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body())))
    }

    /// The JSON body, also used by the pages' error handling tests.
    public func body() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(["error": ["code": code, "message": message]])) ?? Data()
    }

    public static func unauthorized(_ message: String = "sign in: send `Authorization: Bearer TOKEN` (ask your teacher or administrator for a token)") -> Self {
        var error = Self(status: .unauthorized, code: "unauthorized", message: message)
        error.extraHeaders[.wwwAuthenticate] = "Bearer realm=\"speakwell\""
        return error
    }

    public static func forbidden(role: Role) -> Self {
        Self(status: .forbidden, code: "forbidden", message: "a \(role.rawValue) may not do this")
    }

    /// Also what a caller gets for something that exists but is not theirs: a student must not learn that
    /// another student's submission exists.
    public static func notFound(_ what: String) -> Self {
        Self(status: .notFound, code: "not_found", message: "no \(what) with this id")
    }

    public static func badRequest(_ message: String) -> Self {
        Self(status: .badRequest, code: "bad_request", message: message)
    }

    public static func payloadTooLarge(limitBytes: Int) -> Self {
        Self(status: .contentTooLarge, code: "payload_too_large",
             message: "the upload is larger than \(limitBytes / (1024 * 1024)) MB; record a shorter answer or compress it (FLAC, Ogg)")
    }

    public static func unsupportedMediaType(_ contentType: String?) -> Self {
        Self(status: .unsupportedMediaType, code: "unsupported_media_type",
             message: "Content-Type \(contentType.map { "'\($0)'" } ?? "(none)") is not accepted; send one of: "
                + AcceptedMediaTypes.listed.joined(separator: ", "))
    }

    /// 422: the recording arrived but cannot be analysed; the code is `DecodeError`'s.
    public static func unprocessable(_ error: DecodeError) -> Self {
        Self(status: .unprocessableContent, code: error.code, message: error.message)
    }

    public static func notReady(_ message: String) -> Self {
        Self(status: .serviceUnavailable, code: "not_ready", message: message)
    }

    public static func internalError(requestID: String) -> Self {
        Self(status: .internalServerError, code: "internal",
             message: "the server failed on this request (request id \(requestID)); it has been logged")
    }
}
