/// Every error the queue and the recording store report.
///
/// A struct around a private code (the postgres-nio pattern) so new cases never break callers;
/// `codeString` is stable and is what HTTP bodies and the CLI print.
public struct QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case notFound = "not_found"
        case leaseLost = "lease_lost"
        case cancelled
        case alreadyFinished = "already_finished"
        case notDue = "not_due"
        case invalidRequest = "invalid_request"
        case invalidDatabaseURL = "invalid_database_url"
        case storage
        case migration
        case recordingNotFound = "recording_not_found"
        case checksumMismatch = "checksum_mismatch"
        case recordingIO = "recording_io"
    }

    private let code: Code
    /// What went wrong and how to fix it, for people; may change between versions.
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Stable machine-readable code, e.g. `lease_lost`; part of the API.
    public var codeString: String { code.rawValue }
    public var description: String { "\(code.rawValue): \(detail)" }

    public static func notFound(_ id: JobID) -> Self {
        .init(.notFound, "job \(id) does not exist (never submitted, or pruned after its retention period)")
    }
    /// The fencing refusal: the caller's lease token is no longer the job's current one.
    public static func leaseLost(_ id: JobID, token: LeaseToken, state: JobState, currentToken: LeaseToken) -> Self {
        .init(.leaseLost, "job \(id): lease \(token.rawValue) has moved on (job is \(state.rawValue), current lease \(currentToken.rawValue)); stop working on it, its result would be discarded")
    }
    public static func cancelled(_ id: JobID) -> Self {
        .init(.cancelled, "job \(id) was cancelled; stop working on it")
    }
    public static func alreadyFinished(_ id: JobID, state: JobState) -> Self {
        .init(.alreadyFinished, "job \(id) already finished as \(state.rawValue); nothing to cancel")
    }
    public static func notDue(_ id: JobID) -> Self {
        .init(.notDue, "job \(id) is not queued and due; only a queued job whose run_at has passed can be claimed")
    }
    public static func invalidRequest(_ detail: String) -> Self { .init(.invalidRequest, detail) }
    public static func invalidDatabaseURL(_ url: String) -> Self {
        .init(.invalidDatabaseURL, "database URL '\(url)' is not understood; use sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
    }
    public static func storage(_ underlying: any Error) -> Self {
        .init(.storage, "database operation failed: \(String(reflecting: underlying))")
    }
    public static func migration(_ detail: String) -> Self { .init(.migration, detail) }
    public static func recordingNotFound(_ digest: RecordingDigest) -> Self {
        .init(.recordingNotFound, "recording \(digest) is not in the store; it was never stored or was removed")
    }
    public static func checksumMismatch(_ digest: RecordingDigest, actual: String) -> Self {
        .init(.checksumMismatch, "recording \(digest) is damaged on disk (its SHA-256 is now \(actual)); restore it from backup")
    }
    public static func recordingIO(_ operation: String, path: String, errno: Int32) -> Self {
        .init(.recordingIO, "\(operation) \(path) failed with errno \(errno); check the recordings directory's permissions and free space")
    }
}
