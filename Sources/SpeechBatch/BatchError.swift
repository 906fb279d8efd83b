/// Why a batch could not start, or (in `--server` mode) could not go on. Item failures never stop a batch;
/// these are about the batch itself. After any of them the same command, run again, continues the batch.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case manifestUnreadable, manifestMalformed, duplicateItem, outputUnwritable
        // `--server` mode
        case referencesNeedExercise, noExercise, serverUnreachable, unauthorized, forbidden, exerciseNotFound
        case batchNotFound, otherServer, unexpectedAnswer
    }

    private let codeValue: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.codeValue = code
        self.message = message
    }

    public var code: String { codeValue.rawValue }
    public var description: String { "\(code): \(message)" }

    static func manifestUnreadable(_ path: String, _ reason: String) -> Self {
        Self(.manifestUnreadable, "cannot read manifest \(path): \(reason)")
    }

    static func manifestMalformed(_ path: String, line: Int, _ reason: String) -> Self {
        Self(.manifestMalformed, "\(path) line \(line): \(reason). A CSV manifest has the header `id,audio,reference` "
            + "(several references separated by ';'); a JSON Lines manifest has one {\"id\",\"audio\",\"references\":[...]} per line")
    }

    static func duplicateItem(_ path: String, line: Int, id: String) -> Self {
        Self(.duplicateItem, "\(path) line \(line): item id \"\(id)\" appears twice; ids must be unique within a batch")
    }

    static func outputUnwritable(_ path: String, _ reason: String) -> Self {
        Self(.outputUnwritable, "cannot write \(path): \(reason)")
    }

    // MARK: --server mode

    static func referencesNeedExercise(item: String, count: Int) -> Self {
        Self(.referencesNeedExercise, "item \"\(item)\"\(more(count)) names reference recordings, but a service "
            + "scores batch items against an exercise's model recordings. Give each item an `exercise` (JSON Lines) or pass "
            + "--exercise ID, after a teacher or admin has added the model recordings to that exercise "
            + "(POST /api/v1/exercises/{id}/references); or run without --server to score against the files")
    }

    static func noExercise(item: String, count: Int) -> Self {
        Self(.noExercise, "item \"\(item)\"\(more(count)) has no exercise: a service scores batch items against an "
            + "exercise. Pass --exercise ID (the exercise's id from GET /api/v1/exercises), or give each item an `exercise` "
            + "in a JSON Lines manifest")
    }

    /// " (and 3 more)" after the first of `count` items.
    private static func more(_ count: Int) -> String { count > 1 ? " (and \(count - 1) more)" : "" }

    static func serverUnreachable(_ server: String, _ reason: String) -> Self {
        Self(.serverUnreachable, "no answer from \(server): \(reason). Check --server and that the service runs; "
            + "run the same command again to continue the batch")
    }

    static func unauthorized(_ server: String) -> Self {
        Self(.unauthorized, "\(server) refused the token (401): it matches no user, or was revoked. "
            + "Make an operator token with `speakwell admin create-token --user ID` or POST /api/v1/users/{id}/tokens")
    }

    static func forbidden(_ server: String, detail: String) -> Self {
        Self(.forbidden, "\(server) does not let this token run batches (403: \(detail)); batches need an operator or admin token")
    }

    static func exerciseNotFound(_ exercise: String, _ server: String) -> Self {
        Self(.exerciseNotFound, "\(server) has no exercise \"\(exercise)\" (or it was deleted); list them with GET /api/v1/exercises")
    }

    static func batchNotFound(_ batch: String, _ server: String, attachment: String) -> Self {
        Self(.batchNotFound, "\(server) has no batch \(batch) for this token, which \(attachment) names (it was made with "
            + "another operator's token, or the service's database was replaced). Use that token, or a new --out folder")
    }

    static func otherServer(recorded: String, given: String, attachment: String) -> Self {
        Self(.otherServer, "this output folder continues a batch on \(recorded) (\(attachment)), not on \(given); "
            + "run with --server \(recorded), or use a new --out folder")
    }

    static func unexpectedAnswer(_ request: String, status: Int, _ body: String) -> Self {
        Self(.unexpectedAnswer, "\(request) answered \(status): \(body.prefix(300))")
    }
}
