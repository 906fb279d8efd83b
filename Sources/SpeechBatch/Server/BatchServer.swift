import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The operator batch routes of a running service (docs/api.md "Batches"), spoken plainly: every HTTP
/// answer comes back as a `ServerAnswer`, whatever its status (the caller decides what a status means);
/// a request that got no answer (refused connection, reset, timeout) throws `ServerTransportFailure`.
final class BatchServer: Sendable {
    let address: ServerAddress
    private let token: String
    private let client: HTTPClient

    init(address: ServerAddress, token: String, connections: Int) {
        self.address = address
        self.token = token
        // AsyncHTTPClient retries a refused connection itself until the connect timeout: each of the retry
        // policy's attempts on a service that is down therefore takes this long.
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(120)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(connections, 2)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await client.shutdown() }

    /// `GET /api/v1/me`: who the token is.
    func me() async throws(ServerTransportFailure) -> ServerAnswer {
        try await send("GET", "/api/v1/me")
    }

    /// `POST /api/v1/batches` `{"name","exercise_id"}`.
    func createBatch(name: String, exercise: String) async throws(ServerTransportFailure) -> ServerAnswer {
        let body = (try? JSONEncoder().encode(["name": name, "exercise_id": exercise])) ?? Data()
        return try await send("POST", "/api/v1/batches", body: body, contentType: "application/json")
    }

    /// `GET /api/v1/batches/{id}`: the batch with its items counted by job state.
    func progress(batch: String) async throws(ServerTransportFailure) -> ServerAnswer {
        try await send("GET", "/api/v1/batches/\(batch)")
    }

    /// `PUT /api/v1/batches/{id}/items/{item}`: one item's recording (idempotent on the server).
    /// `item` must already be a valid item id (letters, digits, `.`, `_`, `-`), which needs no escaping.
    func upload(batch: String, item: String, recording: Data) async throws(ServerTransportFailure) -> ServerAnswer {
        // The server sniffs the container of application/octet-stream, so no extension-to-type table here.
        try await send("PUT", "/api/v1/batches/\(batch)/items/\(item)", body: recording, contentType: "application/octet-stream")
    }

    /// `GET /api/v1/batches/{id}/results?after=CURSOR&limit=N`, one page of results after the cursor, streamed:
    /// `eachLine` sees every complete line (without its newline) as it arrives and keeps what it needs. The
    /// answer carries the page's next cursor and state. A non-2xx answer is returned whole instead.
    func results(batch: String, after cursor: String, limit: Int, eachLine: (Data) -> Void) async throws(ServerTransportFailure) -> ServerAnswer {
        let path = "/api/v1/batches/\(batch)/results?after=\(cursor)&limit=\(limit)"
        do {
            let response = try await client.execute(request("GET", path), timeout: .seconds(300))
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let body = try await response.body.collect(upTo: 1 << 20)
                return ServerAnswer(status: status, body: Data(body.readableBytesView))
            }
            var pending = Data()
            for try await chunk in response.body {
                pending.append(contentsOf: chunk.readableBytesView)
                var start = pending.startIndex
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    if newline > start { eachLine(pending[start..<newline]) }
                    start = newline + 1
                }
                pending = Data(pending[start...])
            }
            if !pending.isEmpty { eachLine(pending) }
            var answer = ServerAnswer(status: status, body: Data())
            if let next = response.headers.first(name: "Speakwell-Next-Cursor"), let state = response.headers.first(name: "Speakwell-Results") {
                answer.resultsPage = (next, state)
            }
            return answer
        } catch {
            throw ServerTransportFailure(request: "GET \(address.url(path))", underlying: error)
        }
    }

    private func request(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: address.url(path))
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    private func send(_ method: String, _ path: String, body: Data? = nil,
                      contentType: String? = nil) async throws(ServerTransportFailure) -> ServerAnswer {
        do {
            let response = try await client.execute(request(method, path, body: body, contentType: contentType),
                                                    timeout: .seconds(120))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            return ServerAnswer(status: Int(response.status.code), body: Data(bytes.readableBytesView))
        } catch {
            throw ServerTransportFailure(request: "\(method) \(address.url(path))", underlying: error)
        }
    }
}
