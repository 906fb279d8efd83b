import Foundation
import SpeechAnalysis

/// Scores a manifest on a running service (`speakwell batch MANIFEST --out DIR --server URL --token T`)
/// through its operator batch routes (docs/api.md "Batches"), with the same outputs as local mode.
///
/// Resuming rests on three files in DIR and on the service's idempotent upload:
/// - `server-batch.json` (`ServerAttachment`) names the service's batch per exercise, written before the
///   first upload to it, so a rerun attaches to the same batches;
/// - `uploads.jsonl` (`UploadJournal`) lists the items the service accepted: a rerun uploads none of them
///   again and only awaits their results (an item whose 202 was lost to a kill is sent again, and the
///   service answers with the item it has);
/// - `results.jsonl` (`BatchLedger`) holds each finished item once; results.csv and errors.csv derive from it.
///
/// Uploads run `uploadsAtOnce` at a time; each service batch is polled for its counts, and its results are
/// read in steps (`ServerBatchTracker.shouldFetchResults`). A refused item (4xx: its code and message from
/// the service), an unreadable file or an item the service keeps failing on (500) is an error line; only
/// what would fail every item (no answer, the token, the batch or exercise gone) stops the batch.
public struct ServerBatchRunner: Sendable {
    public let address: ServerAddress
    public let token: String
    /// The exercise of items that name none (every CSV item).
    public var exercise: String?
    public var uploadsAtOnce = 4
    public var policy = ServerRetryPolicy()
    /// Results per page read from the service (tests read small pages to cross page boundaries).
    public var resultsPerPage = defaultResultsPerPage
    /// The service's largest page (it holds a page in memory before sending it).
    public static let defaultResultsPerPage = 500

    public init(address: ServerAddress, token: String, exercise: String? = nil, uploadsAtOnce: Int = 4) {
        self.address = address
        self.token = token
        self.exercise = exercise
        self.uploadsAtOnce = max(uploadsAtOnce, 1)
    }

    /// What the child tasks report to the one task that owns the ledger, the journal and the tracker.
    private enum Event: Sendable {
        case uploaded(id: String, batch: String)
        case uploadFailed(id: String, code: String, message: String)
        /// `GET /batches/{id}`: items still queued or running; `quiet`: nothing was left to upload when asked.
        case progress(batch: String, unfinished: Int, quiet: Bool)
        /// `cursor`: where the next fetch of the batch's results starts (nil: the service sent the whole listing).
        case results(batch: String, lines: [(ServerResultLine, Data)], final: Bool, cursor: String?)
    }

    public func run(_ manifest: BatchManifest, ledger: BatchLedger, reporter: ProgressReporter) async throws -> ServerBatchOutcome {
        let folder = ledger.folder
        let attachment = try ServerAttachment.load(from: folder)
        if let attachment, attachment.server != address.base {
            throw BatchError.otherServer(recorded: attachment.server, given: address.base,
                                         attachment: ServerAttachment.url(in: folder).path)
        }
        let journal = try UploadJournal(folder: folder)
        let plan = try ServerBatchPlan.make(items: manifest.items, finished: ledger.finishedIDs, accepted: journal.accepted,
                                            batches: attachment?.batches ?? [:], defaultExercise: exercise)
        let pendingCount = manifest.items.filter { !ledger.finishedIDs.contains($0.id) }.count
        var progress = BatchProgress(total: manifest.items.count, resumed: manifest.items.count - pendingCount)
        var outcome = ServerBatchOutcome(progress: progress)
        outcome.acceptedBefore = plan.groups.map(\.awaiting.count).reduce(0, +)
        reporter.update(progress)
        func recordRefusals() throws {
            for refusal in plan.refused {
                try ledger.record(id: refusal.id, errorCode: refusal.code, message: refusal.message)
                progress.done += 1
                progress.failed += 1
            }
        }

        // A finished batch is rerun without the service: only the tables are written again.
        if plan.groups.contains(where: { !$0.isEmpty }) {
            let server = BatchServer(address: address, token: token, connections: uploadsAtOnce + 2)
            do {
                // The token and the batches first: a refused token leaves the output folder as it was.
                try await checkToken(server)
                let batchIDs = try await attach(plan, to: attachment, name: manifest.path, server: server, folder: folder)
                try recordRefusals()
                outcome.batchIDs = batchIDs.filter { !$0.isEmpty }
                var tracker = ServerBatchTracker(plan: plan, batchIDs: batchIDs)
                outcome.uploaded = try await drive(&tracker, server: server, ledger: ledger, journal: journal,
                                                   progress: &progress, reporter: reporter,
                                                   attachmentPath: ServerAttachment.url(in: folder).path)
            } catch {
                ledger.synchronize()
                await server.shutdown()
                throw error
            }
            await server.shutdown()
        } else {
            try recordRefusals()
        }
        ledger.synchronize()
        try BatchTables.write(rows: ledger.tableRows(), to: folder)
        outcome.progress = progress
        return outcome
    }

    // MARK: - Setting up

    /// `GET /api/v1/me`: a refused token or a role without batches stops here, before anything is made.
    /// Tried twice only: no answer at the very start is far more often a wrong URL than a restart, and the
    /// operator should hear so in seconds, not after the ~45 s of retries a running batch gets.
    private func checkToken(_ server: BatchServer) async throws {
        var firstContact = policy
        firstContact.maximumAttempts = min(policy.maximumAttempts, 2)
        let (answer, step) = try await exchange(policy: firstContact) { () async throws(ServerTransportFailure) -> ServerAnswer in
            try await server.me()
        }
        switch step {
        case .done:
            struct Me: Decodable { let role: String }
            let role = (try? JSONDecoder().decode(Me.self, from: answer.body))?.role
            guard let role else { throw BatchError.unexpectedAnswer("GET \(address.url("/api/v1/me"))", status: answer.status, answer.bodyText) }
            guard role == "operator" || role == "admin" else { throw BatchError.forbidden(address.base, detail: "a \(role) may not do this") }
        case .stop(let stop): throw error(for: stop, answer: answer, request: "GET /api/v1/me")
        default: throw BatchError.unexpectedAnswer("GET \(address.url("/api/v1/me"))", status: answer.status, answer.bodyText)
        }
    }

    /// The service batch of each non-empty group: the attached one (checked to exist for this token) or a new
    /// one, recorded in the attachment before anything is uploaded to it.
    private func attach(_ plan: ServerBatchPlan, to existing: ServerAttachment?, name: String, server: BatchServer,
                        folder: URL) async throws -> [String] {
        var attachment = existing ?? ServerAttachment(server: address.base, batches: [:])
        var ids: [String] = []
        let baseName = URL(fileURLWithPath: name).lastPathComponent
        for group in plan.groups {
            guard !group.isEmpty else { ids.append(""); continue }
            if let id = attachment.batches[group.exercise] {
                let (answer, step) = try await exchange { () async throws(ServerTransportFailure) -> ServerAnswer in try await server.progress(batch: id) }
                switch step {
                case .done: break
                case .stop(.notFound):
                    throw BatchError.batchNotFound(id, address.base, attachment: ServerAttachment.url(in: folder).path)
                case .stop(let stop): throw error(for: stop, answer: answer, request: "GET /api/v1/batches/\(id)")
                default: throw BatchError.unexpectedAnswer("GET \(address.url("/api/v1/batches/\(id)"))", status: answer.status, answer.bodyText)
                }
                ids.append(id)
                continue
            }
            let batchName = String((plan.groups.count > 1 ? "\(baseName) [\(group.exercise)]" : baseName).prefix(200))
            let (answer, step) = try await exchange { () async throws(ServerTransportFailure) -> ServerAnswer in
                try await server.createBatch(name: batchName, exercise: group.exercise)
            }
            struct Created: Decodable { let id: String }
            switch step {
            case .done:
                guard let created = try? JSONDecoder().decode(Created.self, from: answer.body) else {
                    throw BatchError.unexpectedAnswer("POST \(address.url("/api/v1/batches"))", status: answer.status, answer.bodyText)
                }
                attachment.batches[group.exercise] = created.id
                try attachment.save(in: folder)
                ids.append(created.id)
            case .stop(.notFound), .stop(.gone): throw BatchError.exerciseNotFound(group.exercise, address.base)
            case .stop(let stop): throw error(for: stop, answer: answer, request: "POST /api/v1/batches")
            case .itemFailed, .retry:
                throw BatchError.unexpectedAnswer("POST \(address.url("/api/v1/batches")) for exercise \(group.exercise)",
                                                  status: answer.status, answer.bodyText)
            }
        }
        return ids
    }

    // MARK: - Running

    private func drive(_ tracker: inout ServerBatchTracker, server: BatchServer, ledger: BatchLedger, journal: UploadJournal,
                       progress: inout BatchProgress, reporter: ProgressReporter, attachmentPath: String) async throws -> Int {
        let planned = tracker.batches.map(\.planned).reduce(0, +)
        // GET /batches/{id} reads every item's job on the service: poll a big batch less often.
        let pollSeconds = min(5, max(0.5, Double(planned) / 200))
        let uploadsAtOnce = self.uploadsAtOnce
        var uploaded = 0
        try await withThrowingTaskGroup(of: Event.self) { group in
            var uploading = 0
            var lastFetch: [String: ContinuousClock.Instant] = [:]
            // Each batch's results cursor: a fetch reads only results after it. A new run starts at 0, and the
            // ledger keeps lines it already holds from being recorded twice.
            var cursors: [String: String] = [:]

            func startUploads() {
                while uploading < uploadsAtOnce, let (item, batch) = tracker.nextUpload() {
                    uploading += 1
                    let exercise = tracker.batch(batch)?.exercise ?? ""
                    group.addTask {
                        try await self.upload(item, batch: batch, exercise: exercise, server: server, attachmentPath: attachmentPath)
                    }
                }
            }
            func startPoll(_ batch: String, afterSeconds delay: Double) {
                // Once quiet, a batch stays quiet (nothing more is uploaded to it), so reading it here is safe.
                let quiet = tracker.isQuiet(batch)
                group.addTask {
                    try await Task.sleep(for: .seconds(delay))
                    return try await self.poll(batch, quiet: quiet, server: server, attachmentPath: attachmentPath)
                }
            }
            func startFetch(_ batch: String, final: Bool) {
                let wanted = tracker.batch(batch)?.awaiting ?? []
                let cursor = cursors[batch] ?? "0"
                group.addTask {
                    try await self.fetch(batch, after: cursor, wanted: wanted, final: final, server: server, attachmentPath: attachmentPath)
                }
            }

            for batch in tracker.batches where tracker.needsPolling(batch.id) {
                startPoll(batch.id, afterSeconds: batch.awaiting.isEmpty ? pollSeconds : 0)
            }
            startUploads()
            while !tracker.isFinished {
                guard let event = try await group.next() else {
                    throw BatchError.unexpectedAnswer("the batch run", status: 0, "nothing left to wait for with items unfinished")
                }
                switch event {
                case .uploaded(let id, let batch):
                    uploading -= 1
                    uploaded += 1
                    try journal.accepted(id: id, batch: batch)
                    tracker.accepted(id)
                    startUploads()
                case .uploadFailed(let id, let code, let message):
                    uploading -= 1
                    tracker.refused(id)
                    try ledger.record(id: id, errorCode: code, message: message)
                    progress.done += 1
                    progress.failed += 1
                    startUploads()
                case .progress(let batch, let unfinished, let quiet):
                    let since = lastFetch[batch].map { ContinuousClock.now - $0 } ?? .seconds(0)
                    let seconds = Double(since.components.seconds) + Double(since.components.attoseconds) * 1e-18
                    if tracker.shouldFetchResults(batch, unfinishedOnServer: unfinished, secondsSinceLastFetch: seconds) {
                        startFetch(batch, final: quiet && unfinished == 0)
                    } else if tracker.needsPolling(batch) {
                        if lastFetch[batch] == nil { lastFetch[batch] = .now }
                        startPoll(batch, afterSeconds: pollSeconds)
                    }
                case .results(let batch, let lines, let final, let cursor):
                    lastFetch[batch] = .now
                    if let cursor { cursors[batch] = cursor }
                    for (line, data) in lines where tracker.finished(line.id) {
                        progress.done += 1
                        if let error = line.error {
                            progress.failed += 1
                            try ledger.record(id: line.id, errorCode: error.code, message: error.message)
                        } else {
                            progress.audioSeconds += line.audio?.durationSeconds ?? 0
                            try ledger.record(id: line.id, documentLine: data)
                        }
                    }
                    if final {
                        for id in tracker.lost(in: batch) {
                            progress.done += 1
                            progress.failed += 1
                            try ledger.record(id: id, errorCode: "jobLost", message: "the service has finished batch \(batch) "
                                + "but has no result for this item (its job was pruned past the retention period, or its result "
                                + "is unreadable); score it again in a new batch (another --out folder)")
                        }
                    }
                    if tracker.needsPolling(batch) { startPoll(batch, afterSeconds: pollSeconds) }
                }
                reporter.update(progress)
            }
            group.cancelAll()
        }
        return uploaded
    }

    /// One item: read the file, send it (retrying as the policy says), and report how it ended.
    private func upload(_ item: BatchItem, batch: String, exercise: String, server: BatchServer,
                        attachmentPath: String) async throws -> Event {
        let recording: Data
        do {
            recording = try Data(contentsOf: URL(fileURLWithPath: item.audioPath))
        } catch {
            // The code local mode gives the same file.
            return .uploadFailed(id: item.id, code: "unreadable", message: "\(item.audioPath): \(error.localizedDescription)")
        }
        let (answer, step) = try await exchange { () async throws(ServerTransportFailure) -> ServerAnswer in
            try await server.upload(batch: batch, item: item.id, recording: recording)
        }
        switch step {
        case .done: return .uploaded(id: item.id, batch: batch)
        case .itemFailed(let code, let message): return .uploadFailed(id: item.id, code: code, message: message)
        case .stop(.notFound): throw BatchError.batchNotFound(batch, address.base, attachment: attachmentPath)
        case .stop(.gone): throw BatchError.exerciseNotFound(exercise, address.base)
        case .stop(let stop): throw error(for: stop, answer: answer, request: "PUT /api/v1/batches/\(batch)/items/\(item.id)")
        case .retry: throw BatchError.unexpectedAnswer("PUT /api/v1/batches/\(batch)/items/\(item.id)", status: answer.status, answer.bodyText)
        }
    }

    private func poll(_ batch: String, quiet: Bool, server: BatchServer, attachmentPath: String) async throws -> Event {
        let (answer, step) = try await exchange { () async throws(ServerTransportFailure) -> ServerAnswer in try await server.progress(batch: batch) }
        struct Counts: Decodable { let states: [String: Int] }
        switch step {
        case .done:
            guard let counts = try? JSONDecoder().decode(Counts.self, from: answer.body) else { break }
            return .progress(batch: batch, unfinished: (counts.states["queued"] ?? 0) + (counts.states["running"] ?? 0), quiet: quiet)
        case .stop(.notFound): throw BatchError.batchNotFound(batch, address.base, attachment: attachmentPath)
        case .stop(let stop): throw error(for: stop, answer: answer, request: "GET /api/v1/batches/\(batch)")
        default: break
        }
        throw BatchError.unexpectedAnswer("GET \(address.url("/api/v1/batches/\(batch)"))", status: answer.status, answer.bodyText)
    }

    /// The batch's result lines of the `wanted` items after `cursor` (the others are skipped while streaming),
    /// page after page until the service has no more finished ones in upload order.
    private func fetch(_ batch: String, after cursor: String, wanted: Set<String>, final: Bool, server: BatchServer,
                       attachmentPath: String) async throws -> Event {
        var kept: [(ServerResultLine, Data)] = []
        var cursor = cursor
        while true {
            let (lines, page) = try await fetchPage(batch, after: cursor, wanted: wanted, server: server, attachmentPath: attachmentPath)
            kept += lines
            // A service without the cursor sent everything at once.
            guard let page else { return .results(batch: batch, lines: kept, final: final, cursor: nil) }
            cursor = page.nextCursor
            if page.state != "more" { return .results(batch: batch, lines: kept, final: final, cursor: cursor) }
        }
    }

    /// One results page, retried as the policy says.
    private func fetchPage(_ batch: String, after cursor: String, wanted: Set<String>, server: BatchServer,
                           attachmentPath: String) async throws -> ([(ServerResultLine, Data)], (nextCursor: String, state: String)?) {
        var attempt = 0
        while true {
            attempt += 1
            let outcome: ServerRetryPolicy.Outcome
            var kept: [(ServerResultLine, Data)] = []
            var answer = ServerAnswer(status: 0, body: Data())
            do {
                let received = try await server.results(batch: batch, after: cursor, limit: resultsPerPage) { line in
                    // A line that is neither an error nor a result document stays unrecorded; the item is then
                    // reported lost once the batch is finished (`ServerBatchTracker.lost`).
                    guard let probe = ServerResultLine.decode(line), wanted.contains(probe.id),
                          probe.error != nil || probe.isResultDocument else { return }
                    kept.append((probe, Data(line)))
                }
                answer = received
                let error = received.error
                outcome = .answer(status: received.status, code: error?.code, message: error?.message)
            } catch {
                outcome = .noAnswer(reason: error.description)
            }
            try Task.checkCancellation()
            switch policy.step(after: outcome, attempt: attempt) {
            case .done: return (kept, answer.resultsPage)
            case .retry(let seconds): try await Task.sleep(for: .seconds(seconds))
            case .stop(.notFound): throw BatchError.batchNotFound(batch, address.base, attachment: attachmentPath)
            case .stop(let stop): throw error(for: stop, answer: answer, request: "GET /api/v1/batches/\(batch)/results")
            case .itemFailed:
                throw BatchError.unexpectedAnswer("GET \(address.url("/api/v1/batches/\(batch)/results"))", status: answer.status, answer.bodyText)
            }
        }
    }

    /// Sends until the policy is done retrying; returns the last answer and the policy's final step (never
    /// `.retry`). No answer after the last attempt throws `serverUnreachable`.
    private func exchange(policy: ServerRetryPolicy? = nil, _ send: @Sendable () async throws(ServerTransportFailure) -> ServerAnswer)
        async throws -> (ServerAnswer, ServerRetryPolicy.Step) {
        let policy = policy ?? self.policy
        var attempt = 0
        while true {
            attempt += 1
            let outcome: ServerRetryPolicy.Outcome
            var answer: ServerAnswer?
            do {
                let received = try await send()
                answer = received
                let error = received.error
                outcome = .answer(status: received.status, code: error?.code, message: error?.message)
            } catch {
                outcome = .noAnswer(reason: error.description)
            }
            try Task.checkCancellation()
            let step = policy.step(after: outcome, attempt: attempt)
            switch step {
            case .retry(let seconds): try await Task.sleep(for: .seconds(seconds))
            case .stop(.unreachable(let reason)): throw BatchError.serverUnreachable(address.base, reason)
            default: return (answer ?? ServerAnswer(status: 0, body: Data()), step)
            }
        }
    }

    private func error(for stop: ServerRetryPolicy.Stop, answer: ServerAnswer, request: String) -> BatchError {
        switch stop {
        case .unreachable(let reason): .serverUnreachable(address.base, reason)
        case .unauthorized: .unauthorized(address.base)
        case .forbidden(let message): .forbidden(address.base, detail: message)
        case .notFound, .gone: .unexpectedAnswer("\(request) on \(address.base)", status: answer.status, answer.bodyText)
        }
    }
}
