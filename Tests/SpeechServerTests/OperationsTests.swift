import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechServer
import SpeechTestSupport
import Testing

@Suite struct OperationsTests {
    @Test func healthAndReadyAnswerWhileTheDatabaseIsUp() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        try await harness.test { client in
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(try Client.json(ready)["status"] as? String == "ready")
        }
    }

    @Test func readyIs503WhenTheDatabaseIsClosed() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        let router = buildRouter(environment: harness.environment)
        await harness.environment.store.close()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/ready", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(Client.errorCode(response) == "not_ready")
        }
    }

    @Test func metricsExposeRequestsQueueDepthAndJobDurations() async throws {
        let harness = try await ServerHarness.make()
        try await harness.test { client in
            let receipt = try Client.json(try await Client.upload(client, exercise: harness.demo.exerciseID,
                                                                  token: harness.token(.student), body: try Client.wav("sentences/s01.wav")))
            let id = try #require(receipt["id"] as? String)
            _ = try await client.execute(uri: "/api/v1/submissions/\(id)/result?wait=30", method: .get, headers: Client.auth(harness.token(.student)))
            let response = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: response.body)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains("hb_requests_total") || text.contains("hb_requests{"))
            #expect(text.contains("http_server_request_duration_bucket"))
            #expect(text.contains("speakwell_queue_jobs{state=\"succeeded\"}"))
            #expect(text.contains("speakwell_queue_oldest_queued_age_seconds"))
            #expect(text.contains("speakwell_job_duration_seconds"))
            #expect(text.contains("speakwell_analysis_realtime_factor"))
        }
    }

    @Test func responsesCarryTheRequestIDAndKeepTheClients() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        try await harness.test { client in
            let mine = try await client.execute(uri: "/health", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
            #expect(mine.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            let fresh = try await client.execute(uri: "/health", method: .get)
            #expect(Identifier.isValid(fresh.headers[HTTPField.Name("X-Request-Id")!] ?? ""))
        }
    }

    @Test func unknownRouteIs404WithTheJSONErrorBody() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        try await harness.test { client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
            #expect(response.status == .notFound)
            #expect(Client.errorCode(response) == "not_found")
        }
    }

    /// The OpenAPI document names exactly the registered routes (method + path), and is OpenAPI 3.1.
    @Test func openAPIDocumentMatchesTheRoutes() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        defer { try? FileManager.default.removeItem(at: harness.dataDirectory) }
        let router = buildRouter(environment: harness.environment)
        let registered = RoutePattern.registered(router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let documented: Set<String> = try await app.test(.router) { client in
            let document = try Client.json(try await client.execute(uri: "/openapi.json", method: .get))
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        }
        #expect(registered == documented, "undocumented: \(registered.subtracting(documented)); documented but absent: \(documented.subtracting(registered))")
    }
}
