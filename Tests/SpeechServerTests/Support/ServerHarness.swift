import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechServer
import SpeechTestSupport
import Testing

/// The database a harness runs on. PostgreSQL needs `SPEAKWELL_TEST_POSTGRES_URL` (scripts/with-postgres
/// sets it); each harness gets a schema of its own there.
enum ServiceBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// False on a developer machine without PostgreSQL; under CI=true a missing URL is an error instead
    /// (`PostgresTestDatabase.baseURL`).
    var isAvailable: Bool {
        get throws {
            if self == .sqlite { return true }
            return try PostgresTestDatabase.baseURL() != nil
        }
    }
}

/// A real service on a temporary data folder (real SQLite file or a fresh PostgreSQL schema, real recording
/// store, real worker pool), seeded like the first start: one user per role, a demo class and an exercise
/// whose model is s01.wav.
struct ServerHarness {
    let environment: ServerEnvironment
    let demo: DemoSeeder.Credentials
    let dataDirectory: URL
    let backend: ServiceBackend

    static func make(on backend: ServiceBackend = .sqlite,
                     _ adjust: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ServerHarness {
        let directory = TestScratch.url("speakwell-test")
        var configuration = ServerConfiguration()
        if backend == .postgres {
            let url = try PostgresTestDatabase.baseURL()
            configuration.databaseURL = try #require(url)
            configuration.postgresSchema = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }
        configuration.dataDirectory = directory.path
        configuration.port = 0
        configuration.logLevel = .warning
        configuration.workers.workerCount = 2
        configuration.workers.shutdownGracePeriod = .seconds(2)
        configuration.queue.pollInterval = .milliseconds(100)
        adjust(&configuration)
        let environment = try await ServerEnvironment.open(configuration)
        let demo = try await DemoSeeder.seed(environment, modelRecording: Fixtures.audio("sentences/s01.wav"))
        return ServerHarness(environment: environment, demo: demo, dataDirectory: directory, backend: backend)
    }

    func token(_ role: Role) -> String { demo.tokens[role]! }

    /// Runs `body` against the application (router-level client; services such as the worker pool run).
    func test<Value: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable @escaping (any TestClientProtocol) async throws -> Value) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let app = try await buildApplication(environment: environment)
        let value = try await app.test(setup, body)
        // PostgreSQL pools hold server connections; the suite would run the server out of them.
        if backend == .postgres { await environment.close() }
        return value
    }

    /// A new user with a token.
    func makeUser(_ role: Role, name: String) async throws -> (User, String) {
        let user = User(name: name, role: role)
        try await environment.store.insertUser(user)
        let token = TokenHasher.makeToken()
        try await environment.store.insertToken(hash: TokenHasher.hash(token), userID: user.id, label: "test")
        return (user, token)
    }
}

/// Request helpers for the tests.
enum Client {
    static func auth(_ token: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    static func wav(_ fixture: String) throws -> ByteBuffer {
        ByteBuffer(data: try Data(contentsOf: Fixtures.audio(fixture)))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HarnessError.notAnObject(String(decoding: data, as: UTF8.self))
        }
        return object
    }

    /// The `{"error":{"code","message"}}` body's code, nil when the body has another shape.
    static func errorCode(_ response: TestResponse) -> String? {
        guard let object = try? json(response), let error = object["error"] as? [String: Any],
              error["message"] is String else { return nil }
        return error["code"] as? String
    }

    static func upload(_ client: any TestClientProtocol, exercise: String, token: String?, body: ByteBuffer,
                       contentType: String = "audio/wav", key: String? = nil) async throws -> TestResponse {
        var headers = auth(token, [.contentType: contentType])
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: "/api/v1/exercises/\(exercise)/submissions", method: .post, headers: headers, body: body)
    }
}

enum HarnessError: Error {
    case notAnObject(String)
}
