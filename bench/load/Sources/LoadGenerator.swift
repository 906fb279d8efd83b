import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// bench/load's driver: N simulated students, each uploading a recording K times in a row through the real
/// HTTP API of a running `speakwell serve` on loopback, timing upload -> result (long-poll). Bounded:
/// N x K uploads, each with a 60 s deadline; then it checks that every acknowledged submission has a result
/// (lost = acknowledged with 202 but never succeeded) and prints one table row.
@main
struct LoadGenerator {
    struct Options {
        var baseURL = "http://127.0.0.1:18080"
        var adminToken = ""
        var file = ""
        var students = 1
        var uploadsPerStudent = 20
        var label = ""
    }

    struct Outcome: Sendable {
        var latencies: [Double] = []
        var errors: [String] = []
        var acknowledged: [(id: String, token: String)] = []
    }

    static func main() async throws {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            let value = arguments.next() ?? ""
            switch argument {
            case "--url": options.baseURL = value
            case "--admin-token": options.adminToken = value
            case "--file": options.file = value
            case "--students": options.students = Int(value) ?? 1
            case "--uploads": options.uploadsPerStudent = Int(value) ?? 1
            case "--label": options.label = value
            default: fatalError("unknown argument \(argument)")
            }
        }
        let recording = try Data(contentsOf: URL(fileURLWithPath: options.file))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(90))))
        do {
            try await run(options, recording: recording, client: client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    static func run(_ options: Options, recording: Data, client: HTTPClient) async throws {
        // Set up: a class of N students with tokens, and the demo exercise copied into it.
        let teacher = try await json(client, "POST", options.baseURL + "/api/v1/users", token: options.adminToken,
                                     body: #"{"name":"Load Teacher","role":"teacher"}"#)
        let teacherID = teacher["id"] as! String
        let schoolClass = try await json(client, "POST", options.baseURL + "/api/v1/classes", token: options.adminToken,
                                         body: #"{"name":"Load class","teacher_id":"\#(teacherID)"}"#)
        let classID = schoolClass["id"] as! String
        let exercise = try await json(client, "POST", options.baseURL + "/api/v1/classes/\(classID)/exercises", token: options.adminToken,
                                      body: #"{"title":"Load","prompt_text":"Read the passage."}"#)
        let exerciseID = exercise["id"] as! String
        var tokens: [String] = []
        for index in 0..<options.students {
            let user = try await json(client, "POST", options.baseURL + "/api/v1/users", token: options.adminToken,
                                      body: #"{"name":"Student \#(index)","role":"student"}"#)
            let id = user["id"] as! String
            _ = try await json(client, "POST", options.baseURL + "/api/v1/classes/\(classID)/students", token: options.adminToken,
                               body: #"{"student_id":"\#(id)"}"#)
            let token = try await json(client, "POST", options.baseURL + "/api/v1/users/\(id)/tokens", token: options.adminToken, body: nil)
            tokens.append(token["token"] as! String)
        }

        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for token in tokens {
                group.addTask {
                    var outcome = Outcome()
                    for _ in 0..<options.uploadsPerStudent {
                        await uploadOnce(client, options, exerciseID: exerciseID, token: token, recording: recording, into: &outcome)
                    }
                    return outcome
                }
            }
            var all = Outcome()
            for await outcome in group {
                all.latencies += outcome.latencies
                all.errors += outcome.errors
                all.acknowledged += outcome.acknowledged
            }
            return all
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        // Lost: acknowledged but without a result now (after everything finished).
        var lost = 0
        for (id, token) in outcomes.acknowledged {
            let state = try? await json(client, "GET", options.baseURL + "/api/v1/submissions/\(id)", token: token, body: nil)
            if state?["state"] as? String != "succeeded" { lost += 1 }
        }
        let sorted = outcomes.latencies.sorted()
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let index = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
            return String(format: "%.0f", sorted[max(index, 0)] * 1000)
        }
        let total = options.students * options.uploadsPerStudent
        print("| \(options.label) | \(options.students) | \(total) | \(String(format: "%.1f", Double(sorted.count) / seconds)) | "
              + "\(percentile(0.5)) | \(percentile(0.95)) | \(percentile(0.99)) | \(outcomes.errors.count) | \(lost) |")
        if !outcomes.errors.isEmpty {
            FileHandle.standardError.write(Data(("errors (first 5): " + outcomes.errors.prefix(5).joined(separator: "; ") + "\n").utf8))
        }
    }

    static func uploadOnce(_ client: HTTPClient, _ options: Options, exerciseID: String, token: String, recording: Data,
                           into outcome: inout Outcome) async {
        let started = ContinuousClock.now
        do {
            var request = HTTPClientRequest(url: options.baseURL + "/api/v1/exercises/\(exerciseID)/submissions")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "audio/wav")
            request.body = .bytes(ByteBuffer(data: recording))
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .accepted,
                  let receipt = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let id = receipt["id"] as? String else {
                outcome.errors.append("upload \(response.status.code)")
                return
            }
            outcome.acknowledged.append((id, token))
            while ContinuousClock.now - started < .seconds(60) {
                var poll = HTTPClientRequest(url: options.baseURL + "/api/v1/submissions/\(id)/result?wait=30")
                poll.headers.add(name: "Authorization", value: "Bearer \(token)")
                let result = try await client.execute(poll, timeout: .seconds(60))
                _ = try await result.body.collect(upTo: 16 << 20)
                if result.status == .ok {
                    let elapsed = ContinuousClock.now - started
                    outcome.latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                    return
                }
                if result.status != .accepted {
                    outcome.errors.append("result \(result.status.code)")
                    return
                }
            }
            outcome.errors.append("no result within 60 s")
        } catch {
            outcome.errors.append("\(error)")
        }
    }

    static func json(_ client: HTTPClient, _ method: String, _ url: String, token: String, body: String?) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 16 << 20)
        guard (200..<300).contains(Int(response.status.code)),
              let object = try JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any] else {
            throw LoadError(message: "\(method) \(url): \(response.status.code) \(String(buffer: data))")
        }
        return object
    }
}

struct LoadError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
