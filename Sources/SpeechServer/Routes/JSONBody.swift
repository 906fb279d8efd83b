import Foundation
import Hummingbird
import NIOFoundationCompat

/// Small JSON request bodies (64 kB at most), with a 400 that says what was wrong.
enum JSONBody {
    static let limitBytes = 64 * 1024

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let data = try await SubmissionRoutes.collect(request, limitBytes: limitBytes)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw APIError.badRequest("the JSON body does not match: \(error)")
        }
    }
}
