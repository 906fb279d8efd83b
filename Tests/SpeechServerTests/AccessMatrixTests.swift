import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpeechServer
import SpeechTestSupport
import Testing

/// Every route x role x ownership: 401 without a token, 403 for a role that may never use the route,
/// 404 for something that exists but belongs to someone else (exactly as for something that does not
/// exist), success otherwise. The table must name every registered route.
@Suite struct AccessMatrixTests {
    /// The caller of one row: a role, or nobody (no token).
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case nobody, student, teacher, `operator`, admin
        var description: String { rawValue }
    }

    /// Which side the resource in the path belongs to: the caller's side (class 1: teacher 1, student 1) or the other.
    enum Side: String, CaseIterable { case own, other }

    struct Row {
        let method: HTTPRequest.Method
        /// `{submission}`, `{exercise}`, `{class}`, `{batch}` are replaced by the ids of the chosen side; `{user}` by
        /// student 1, `{item}` by an item id.
        let path: String
        var body: (@Sendable (World) -> (ByteBuffer, String))?
        /// Expected status per caller for the own side; `other` for the other side (nil: same as own).
        let own: [Caller: Int]
        var other: [Caller: Int]?
    }

    /// Ids of both sides.
    struct World: Sendable {
        let submission: [Side: String]
        let exercise: [Side: String]
        let schoolClass: [Side: String]
        let student: [Side: String]
        let teacher: [Side: String]
        let batch: [Side: String]
        let recording: Data
    }

    static func everyone(_ status: Int) -> [Caller: Int] {
        Dictionary(uniqueKeysWithValues: Caller.allCases.map { ($0, status) })
    }

    static func only(_ allowed: [Caller], _ status: Int, otherwise denied: Int = 403) -> [Caller: Int] {
        var table = Dictionary(uniqueKeysWithValues: Caller.allCases.map { ($0, $0 == .nobody ? 401 : denied) })
        for caller in allowed { table[caller] = status }
        return table
    }

    static func withNobody(_ table: [Caller: Int], _ status: Int) -> [Caller: Int] {
        var table = table
        table[.nobody] = status
        return table
    }

    static let wavBody: @Sendable (World) -> (ByteBuffer, String) = { (ByteBuffer(data: $0.recording), "audio/wav") }
    static func jsonBody(_ make: @escaping @Sendable (World) -> String) -> @Sendable (World) -> (ByteBuffer, String) {
        { (ByteBuffer(string: make($0)), "application/json") }
    }

    /// own side: what the caller's own class/submission gives; other side: 404 where ownership matters.
    static let rows: [Row] = {
        let submissionOwn = only([.student, .teacher, .admin], 200)
        let submissionOther = only([.admin], 200, otherwise: 403).merging([.student: 404, .teacher: 404]) { $1 }
        let classOwn = only([.teacher, .admin], 200)
        let classOther = classOwn.merging([.teacher: 404]) { $1 }
        let exerciseOwn = only([.student, .teacher, .operator, .admin], 200)
        let exerciseOther = exerciseOwn.merging([.student: 404, .teacher: 404]) { $1 }
        let batchOwn = only([.operator, .admin], 200)
        let batchOther = batchOwn.merging([.operator: 404]) { $1 }
        return [
            Row(method: .get, path: "/health", own: everyone(200)),
            Row(method: .get, path: "/ready", own: everyone(200)),
            Row(method: .get, path: "/metrics", own: everyone(200)),
            Row(method: .get, path: "/openapi.json", own: everyone(200)),
            Row(method: .get, path: "/api/v1/me", own: only([.student, .teacher, .operator, .admin], 200)),
            Row(method: .get, path: "/api/v1/users", own: only([.admin], 200)),
            Row(method: .post, path: "/api/v1/users", body: jsonBody { _ in #"{"name":"New","role":"student"}"# }, own: only([.admin], 201)),
            Row(method: .post, path: "/api/v1/users/{user}/tokens", own: only([.admin], 201)),
            Row(method: .get, path: "/api/v1/queue/stats", own: only([.operator, .admin], 200)),
            Row(method: .get, path: "/api/v1/exercises", own: only([.student, .teacher, .operator, .admin], 200)),
            Row(method: .get, path: "/api/v1/exercises/{exercise}", own: exerciseOwn, other: exerciseOther),
            Row(method: .get, path: "/api/v1/exercises/{exercise}/references/{index}", own: exerciseOwn, other: exerciseOther),
            Row(method: .post, path: "/api/v1/exercises/{exercise}/references", body: wavBody,
                own: only([.teacher, .admin], 201), other: only([.admin], 201).merging([.teacher: 404]) { $1 }),
            Row(method: .post, path: "/api/v1/classes/{class}/exercises",
                body: jsonBody { _ in #"{"title":"T","prompt_text":"Hello there."}"# },
                own: only([.teacher, .admin], 201), other: only([.admin], 201).merging([.teacher: 404]) { $1 }),
            Row(method: .post, path: "/api/v1/exercises/{exercise}/submissions", body: wavBody,
                own: only([.student, .admin], 202), other: only([.admin], 202).merging([.student: 404]) { $1 }),
            Row(method: .get, path: "/api/v1/submissions", own: only([.student, .teacher, .admin], 200)),
            Row(method: .get, path: "/api/v1/submissions/{submission}", own: submissionOwn, other: submissionOther),
            Row(method: .get, path: "/api/v1/submissions/{submission}/result", own: submissionOwn, other: submissionOther),
            Row(method: .get, path: "/api/v1/submissions/{submission}/recording", own: submissionOwn, other: submissionOther),
            Row(method: .get, path: "/api/v1/submissions/{submission}/textgrid", own: submissionOwn, other: submissionOther),
            Row(method: .get, path: "/api/v1/classes", own: only([.teacher, .admin], 200)),
            Row(method: .post, path: "/api/v1/classes", body: jsonBody { #"{"name":"New class","teacher_id":"\#($0.teacher[.own]!)"}"# },
                own: only([.teacher, .admin], 201)),
            Row(method: .get, path: "/api/v1/classes/{class}", own: classOwn, other: classOther),
            Row(method: .post, path: "/api/v1/classes/{class}/students",
                body: jsonBody { #"{"student_id":"\#($0.student[.own]!)"}"# },
                own: only([.teacher, .admin], 201), other: only([.admin], 201).merging([.teacher: 404]) { $1 }),
            Row(method: .get, path: "/api/v1/classes/{class}/submissions", own: classOwn, other: classOther),
            Row(method: .get, path: "/api/v1/classes/{class}/submissions.csv", own: classOwn, other: classOther),
            Row(method: .post, path: "/api/v1/batches",
                body: jsonBody { #"{"name":"Sitting 1","exercise_id":"\#($0.exercise[.own]!)"}"# }, own: only([.operator, .admin], 201)),
            Row(method: .get, path: "/api/v1/batches", own: only([.operator, .admin], 200)),
            Row(method: .get, path: "/api/v1/batches/{batch}", own: batchOwn, other: batchOther),
            Row(method: .put, path: "/api/v1/batches/{batch}/items/{item}", body: wavBody,
                own: only([.operator, .admin], 202), other: only([.admin], 202).merging([.operator: 404]) { $1 }),
            Row(method: .get, path: "/api/v1/batches/{batch}/results", own: batchOwn, other: batchOther),
            Row(method: .get, path: "/", own: withNobody(everyone(303), 200)),
            Row(method: .get, path: "/login", own: everyone(401)),
            Row(method: .post, path: "/login", body: jsonBody { _ in "token=nope" }, own: everyone(401)),
            Row(method: .post, path: "/logout", own: everyone(303)),
            Row(method: .get, path: "/practice", own: withNobody(only([.student, .admin], 200), 303)),
            Row(method: .get, path: "/classes", own: withNobody(only([.teacher, .admin], 200), 303)),
            Row(method: .get, path: "/classes/{class}", own: withNobody(classOwn, 303), other: withNobody(classOther, 303)),
            Row(method: .get, path: "/exercises/{exercise}", own: withNobody(only([.teacher, .admin], 200), 303),
                other: withNobody(only([.admin], 200).merging([.teacher: 404]) { $1 }, 303)),
            Row(method: .get, path: "/submissions/{submission}/report",
                own: withNobody(submissionOwn, 303), other: withNobody(submissionOther, 303)),
            Row(method: .get, path: "/submissions/{submission}/feedback", own: submissionOwn, other: submissionOther),
        ]
    }()

    @Test func tableNamesEveryRegisteredRoute() async throws {
        let harness = try await ServerHarness.make()
        defer { try? FileManager.default.removeItem(at: harness.dataDirectory) }
        let registered = RoutePattern.registered(buildRouter(environment: harness.environment))
        let table = Set(Self.rows.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered == table, "only registered: \(registered.subtracting(table)); only in table: \(table.subtracting(registered))")
    }

    @Test(arguments: ServiceBackend.allCases)
    func everyRouteRoleAndOwnershipGetsTheDesignedStatus(_ backend: ServiceBackend) async throws {
        guard try backend.isAvailable else { return }
        let harness = try await ServerHarness.make(on: backend)
        // The other side: a second teacher's class with a second student and exercise.
        let (teacher2, _) = try await harness.makeUser(.teacher, name: "Teacher Two")
        let (student2, token2) = try await harness.makeUser(.student, name: "Student Two")
        let class2 = SchoolClass(name: "Other class", teacherID: teacher2.id)
        try await harness.environment.store.insertClass(class2)
        try await harness.environment.store.enroll(studentID: student2.id, classID: class2.id)
        let exercise1 = try #require(try await harness.environment.store.exercise(id: harness.demo.exerciseID))
        let exercise2 = Exercise(classID: class2.id, title: "Other", promptText: exercise1.promptText, references: exercise1.references)
        try await harness.environment.store.insertExercise(exercise2)
        let recording = try Data(contentsOf: Fixtures.audio("sentences/s01.wav"))
        // Batches: the demo operator's own, and a second operator's.
        let (operator2, _) = try await harness.makeUser(.operator, name: "Operator Two")
        let batches: [Side: Batch] = [
            .own: Batch(name: "Own sitting", exerciseID: exercise1.id, operatorID: harness.demo.users[.operator]!.id),
            .other: Batch(name: "Other sitting", exerciseID: exercise1.id, operatorID: operator2.id),
        ]
        for batch in batches.values { try await harness.environment.store.insertBatch(batch) }

        try await harness.test { client in
            var submissions: [Side: String] = [:]
            for (side, exercise, token) in [(Side.own, exercise1.id, harness.token(.student)), (.other, exercise2.id, token2)] {
                let receipt = try Client.json(try await Client.upload(client, exercise: exercise, token: token,
                                                                      body: ByteBuffer(data: recording)))
                submissions[side] = try #require(receipt["id"] as? String)
                // Let the analysis finish so result, feedback and textgrid answer for what they are.
                _ = try await client.execute(uri: "/api/v1/submissions/\(submissions[side]!)/result?wait=30", method: .get,
                                             headers: Client.auth(token))
            }
            let world = World(submission: submissions, exercise: [.own: exercise1.id, .other: exercise2.id],
                              schoolClass: [.own: harness.demo.classID, .other: class2.id],
                              student: [.own: harness.demo.users[.student]!.id, .other: student2.id],
                              teacher: [.own: harness.demo.users[.teacher]!.id, .other: teacher2.id],
                              batch: batches.mapValues(\.id), recording: recording)
            var failures: [String] = []
            for row in Self.rows {
                let sides: [Side] = ["{submission}", "{exercise}", "{class}", "{batch}"].contains { row.path.contains($0) }
                    ? Side.allCases : [.own]
                for side in sides {
                    let expected = side == .own ? row.own : (row.other ?? row.own)
                    let path = row.path.replacingOccurrences(of: "{submission}", with: world.submission[side]!)
                        .replacingOccurrences(of: "{exercise}", with: world.exercise[side]!)
                        .replacingOccurrences(of: "{class}", with: world.schoolClass[side]!)
                        .replacingOccurrences(of: "{user}", with: world.student[.own]!)
                        .replacingOccurrences(of: "{batch}", with: world.batch[side]!)
                        .replacingOccurrences(of: "{item}", with: "candidate-0001")
                        .replacingOccurrences(of: "{index}", with: "0")
                    for caller in Caller.allCases {
                        let token: String? = caller == .nobody ? nil : harness.token(Role(rawValue: caller.rawValue)!)
                        var headers = Client.auth(token)
                        var body: ByteBuffer?
                        if let make = row.body {
                            let (buffer, type) = make(world)
                            body = buffer
                            headers[.contentType] = row.path == "/login" ? "application/x-www-form-urlencoded" : type
                        }
                        let response = try await client.execute(uri: path, method: row.method, headers: headers, body: body)
                        var status = Int(response.status.code)
                        // A finished job whose result has no speech or word timings has no TextGrid yet:
                        // that 404 says "not available", distinct from "not yours".
                        if row.path.hasSuffix("/textgrid"), status == 404, Client.errorCode(response) == "not_available" { status = 200 }
                        if status != expected[caller] {
                            failures.append("\(row.method.rawValue) \(row.path) [\(side)] as \(caller): \(status), expected \(expected[caller]!)")
                        }
                        if status == 404, Client.errorCode(response) != "not_found", !row.path.hasPrefix("/submissions"), !row.path.hasPrefix("/classes"), !row.path.hasPrefix("/exercises") {
                            failures.append("\(row.method.rawValue) \(row.path) [\(side)] as \(caller): 404 without not_found body")
                        }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test func anotherStudentsSubmissionLooksExactlyLikeOneThatDoesNotExist() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        let (_, token2) = try await harness.makeUser(.student, name: "Student Two")
        try await harness.environment.store.enroll(studentID: (try await harness.environment.store.user(tokenHash: TokenHasher.hash(token2)))!.id,
                                                   classID: harness.demo.classID)
        try await harness.test { client in
            let receipt = try Client.json(try await Client.upload(client, exercise: harness.demo.exerciseID, token: token2,
                                                                  body: try Client.wav("sentences/s01.wav")))
            let theirs = try #require(receipt["id"] as? String)
            let missing = UUID().uuidString.lowercased()
            let a = try await client.execute(uri: "/api/v1/submissions/\(theirs)", method: .get, headers: Client.auth(harness.token(.student)))
            let b = try await client.execute(uri: "/api/v1/submissions/\(missing)", method: .get, headers: Client.auth(harness.token(.student)))
            #expect(a.status == .notFound)
            #expect(a.status == b.status)
            #expect(Data(buffer: a.body) == Data(buffer: b.body))
        }
    }

    @Test func unknownTokenIs401WithTheErrorBody() async throws {
        let harness = try await ServerHarness.make { $0.runWorkers = false }
        try await harness.test { client in
            let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: Client.auth("sw_not-a-token"))
            #expect(response.status == .unauthorized)
            #expect(Client.errorCode(response) == "unauthorized")
            #expect(response.headers[.wwwAuthenticate] != nil)
        }
    }
}
