import Foundation
import Hummingbird

/// `/health` (the process answers), `/ready` (the database answers), `/metrics` (Prometheus text),
/// `/openapi.json` (the API's OpenAPI 3.1 document). None needs a token: they are for load balancers
/// and scrapers; put them behind the network's own access rules.
struct OperationsRoutes {
    let environment: ServerEnvironment

    func register(on router: Router<SpeakwellContext>) {
        router.get("health") { _, _ in
            JSONResponse.object(["status": "ok"])
        }
        router.get("ready") { _, _ in
            do {
                try await environment.store.ping()
                _ = try await environment.queue.stats()
            } catch {
                throw APIError.notReady("the database does not answer: \(error)")
            }
            return JSONResponse.object(["status": "ready"])
        }
        router.get("metrics") { _, _ in
            let body = await ServerMetrics.scrape(queue: environment.queue)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }
}
