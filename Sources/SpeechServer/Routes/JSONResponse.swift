import Foundation
import Hummingbird

/// JSON responses with snake_case keys exactly as the types' `CodingKeys` say, sorted for stable output.
enum JSONResponse {
    static func encode<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func object(_ value: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        (try? encode(value, status: status)) ?? Response(status: .internalServerError)
    }

    /// Bytes that already are JSON (a stored result document).
    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
