import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SpeechQueue

/// Batches for exam operators: create one for an exercise, upload each candidate's recording under the
/// operator's own item id (idempotent, so an interrupted upload run is simply restarted), follow the
/// progress, and fetch the results as JSON Lines. Items run at batch priority: practice goes first.
/// Operators see only their own batches (another's answers 404); admins see all.
struct BatchRoutes {
    let environment: ServerEnvironment
    let access: AccessPolicy
    var desk: SubmissionDesk { SubmissionDesk(environment: environment) }

    func register(on router: Router<SpeakwellContext>) {
        let api = router.group("api/v1")
        api.post("batches", use: create)
        api.get("batches", use: list)
        api.get("batches/:batch", use: show)
        api.put("batches/:batch/items/:item", use: upload)
        api.get("batches/:batch/results", use: results)
    }

    struct NewBatch: Decodable {
        let name: String
        let exerciseID: String
        enum CodingKeys: String, CodingKey { case name, exerciseID = "exercise_id" }
    }

    /// `POST /api/v1/batches` with `{"name", "exercise_id"}`: 201 with the batch and its progress.
    @Sendable func create(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.operator, .admin)
        let body = try await JSONBody.decode(NewBatch.self, from: request)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw APIError.badRequest("`name` must have 1 to 200 characters") }
        guard let exercise = try await access.visibleExercise(body.exerciseID, for: user) else { throw APIError.notFound("exercise") }
        let batch = Batch(name: name, exerciseID: exercise.id, operatorID: user.id)
        try await environment.store.insertBatch(batch)
        context.logger.info("batch created", metadata: ["batch": "\(batch.id)", "exercise": "\(exercise.id)"])
        return try JSONResponse.encode(try await progress(of: batch), status: .created,
                                       headers: [.location: "/api/v1/batches/\(batch.id)"])
    }

    /// `GET /api/v1/batches`: the caller's batches (all of them for an admin), newest first, without counts.
    @Sendable func list(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let user = try context.requireUser(.operator, .admin)
        let batches = try await environment.store.batches(operatorID: user.role == .admin ? nil : user.id)
        return try JSONResponse.encode(["batches": batches])
    }

    /// `GET /api/v1/batches/{id}`: how many items are in each state, and the audio uploaded so far.
    @Sendable func show(_ request: Request, context: SpeakwellContext) async throws -> Response {
        try JSONResponse.encode(try await progress(of: visibleBatch(context)))
    }

    /// `PUT /api/v1/batches/{id}/items/{item}`: the body is the recording. Checked like a submission
    /// (413, 415, 422 with the decoding error's code); 202 once stored and queued. Sending the same item
    /// again returns the stored item and queues nothing new.
    @Sendable func upload(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let batch = try await visibleBatch(context)
        let itemID = try context.parameters.require("item")
        guard BatchItem.isValidID(itemID) else {
            throw APIError.badRequest("item ids are 1 to 128 letters, digits, `.`, `_` or `-`: \(itemID.prefix(130))")
        }
        let contentType = request.headers[.contentType]
        guard AcceptedMediaTypes.accepts(contentType) else { throw APIError.unsupportedMediaType(contentType) }
        guard let exercise = try await environment.store.exercise(id: batch.exerciseID) else {
            throw APIError(status: .gone, code: "exercise_deleted", message: "the batch's exercise no longer exists")
        }
        let bytes = try await SubmissionRoutes.collect(request, limitBytes: environment.configuration.uploadLimitBytes)
        let seconds = try await desk.validate(bytes)
        let digest = try await desk.store(bytes)
        // The queue's idempotency key makes the job once even when two uploads of the item race.
        let jobID = try await desk.enqueueAnalysis(
            of: digest.hex, exercise: exercise, priority: .batch, idempotencyKey: "batch:\(batch.id):\(itemID)",
            metadata: [JobRequest.batchMetadataKey: batch.id, "item": itemID, "exercise": exercise.id])
        let item = try await environment.store.insertBatchItem(
            BatchItem(batchID: batch.id, itemID: itemID, jobID: jobID, recording: digest.hex, durationSeconds: seconds))
        let job = try await JobID(item.jobID).flatMapAsync { try await environment.queue.job($0) }
        return try JSONResponse.encode(BatchItemView(item, job: job), status: .accepted,
                                       headers: [.location: "/api/v1/batches/\(batch.id)"])
    }

    /// `GET /api/v1/batches/{id}/results`: JSON Lines, one line per finished item in upload order: the
    /// result document with an added `id` (the item), or `{"id","error":{"code","message"}}` as
    /// `speakwell batch` writes them. Items still queued or running are left out; poll `show` for counts.
    /// With `?after=CURSOR&limit=N` one page instead (`BatchResultsCursor`), its cursor and why it ended in the
    /// `Speakwell-Next-Cursor` and `Speakwell-Results` headers.
    @Sendable func results(_ request: Request, context: SpeakwellContext) async throws -> Response {
        let batch = try await visibleBatch(context)
        let query = request.uri.queryParameters
        if var cursor = try BatchResultsCursor(after: query.get("after"), limit: query.get("limit")) {
            return try await page(of: batch, cursor: &cursor)
        }
        let items = try await environment.store.batchItems(batchID: batch.id)
        let queue = environment.queue
        // Streamed in groups of items, each group's jobs read at once: a city-sized batch neither costs a
        // round trip per item nor holds every result (~65 KiB per minute of audio) in memory.
        let body = ResponseBody { writer in
            for start in stride(from: 0, to: items.count, by: Self.itemsPerRead) {
                let group = items[start..<min(items.count, start + Self.itemsPerRead)]
                let jobs = try await queue.jobs(group.compactMap { JobID($0.jobID) })
                var buffer = ByteBuffer()
                for item in group {
                    guard let id = JobID(item.jobID), let job = jobs[id],
                          let line = BatchResultLine.make(item: item.itemID, job: job) else { continue }
                    buffer.writeBytes(line)
                    buffer.writeString("\n")
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
    }

    /// One cursor page: reads items after the cursor in groups, with their jobs, until the cursor says stop.
    private func page(of batch: Batch, cursor: inout BatchResultsCursor) async throws -> Response {
        var buffer = ByteBuffer()
        while cursor.itemsWanted > 0 {
            let wanted = min(Self.itemsPerRead, cursor.itemsWanted)
            let items = try await environment.store.batchItems(batchID: batch.id, afterSequence: cursor.position, limit: wanted)
            let jobs = try await environment.queue.jobs(items.compactMap { JobID($0.item.jobID) })
            for (sequence, item) in items {
                guard let line = cursor.take(sequence: sequence, item: item.itemID, job: JobID(item.jobID).flatMap { jobs[$0] })
                else { continue }
                buffer.writeBytes(line)
                buffer.writeString("\n")
            }
            if items.count < wanted { cursor.storeExhausted() }
        }
        var headers: HTTPFields = [.contentType: "application/x-ndjson"]
        headers[BatchResultsCursor.nextCursorHeader] = String(cursor.position)
        headers[BatchResultsCursor.stateHeader] = (cursor.state ?? .more).rawValue
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// Items whose jobs one results read fetches together.
    static let itemsPerRead = 200

    private func visibleBatch(_ context: SpeakwellContext) async throws -> Batch {
        let user = try context.requireUser(.operator, .admin)
        let id = try context.parameters.require("batch")
        guard Identifier.isValid(id), let batch = try await environment.store.batch(id: id),
              user.role == .admin || batch.operatorID == user.id else { throw APIError.notFound("batch") }
        return batch
    }

    /// Two grouped counts, whatever the batch's size: the store's item total and the queue's jobs of the batch by
    /// state (`stateCounts(batch:)`, indexed). Items whose jobs were pruned are the difference.
    private func progress(of batch: Batch) async throws -> BatchProgress {
        let totals = try await environment.store.batchTotals(batchID: batch.id)
        let counts = try await environment.queue.stateCounts(batch: batch.id)
        if counts.values.reduce(0, +) <= totals.items {
            return BatchProgress(batch, totals: totals, counts: counts)
        }
        // More jobs than items: a job was queued but its item never stored (the upload died between the two and
        // was not retried). Count item by item, so that such a job is not shown.
        var progress = BatchProgress(batch, totals: BatchTotals(items: 0, audioSeconds: 0), counts: [:])
        let items = try await environment.store.batchItems(batchID: batch.id)
        let states = try await environment.queue.states(of: items.compactMap { JobID($0.jobID) })
        for item in items {
            progress.count(item, state: JobID(item.jobID).flatMap { states[$0]?.rawValue } ?? BatchProgress.pruned)
        }
        return progress
    }
}
