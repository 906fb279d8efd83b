import Foundation

/// Users, tokens, classes, exercises and submissions: the service's own records, kept in the same
/// database as the queue (SQLite file, or PostgreSQL). Both backends implement this one protocol.
public protocol SchoolStore: Sendable {
    // Users and tokens
    func insertUser(_ user: User) async throws
    func user(id: String) async throws -> User?
    func users() async throws -> [User]
    /// Stores a token by its SHA-256 (never the token itself).
    func insertToken(hash: String, userID: String, label: String) async throws
    func user(tokenHash: String) async throws -> User?

    // Classes
    func insertClass(_ schoolClass: SchoolClass) async throws
    func schoolClass(id: String) async throws -> SchoolClass?
    /// Every class, or the classes of one teacher.
    func classes(teacherID: String?) async throws -> [SchoolClass]
    func enroll(studentID: String, classID: String) async throws
    func classIDs(studentID: String) async throws -> [String]
    func students(classID: String) async throws -> [User]

    // Exercises
    func insertExercise(_ exercise: Exercise) async throws
    func exercise(id: String) async throws -> Exercise?
    /// Replaces title, prompt and references of an existing exercise.
    func updateExercise(_ exercise: Exercise) async throws
    func exercises(classIDs: [String]) async throws -> [Exercise]
    func allExercises() async throws -> [Exercise]

    // Submissions
    /// Inserts the submission; when the student already made one with the same client key, returns that one.
    func insertSubmission(_ submission: Submission) async throws -> Submission
    func setJob(submissionID: String, jobID: String) async throws
    func submission(id: String) async throws -> Submission?
    func submissions(classID: String) async throws -> [Submission]
    func submissions(studentID: String) async throws -> [Submission]
    /// Submissions stored but not yet enqueued (a crash between the two steps); re-enqueued at start.
    func submissionsWithoutJob() async throws -> [Submission]

    // Batches
    func insertBatch(_ batch: Batch) async throws
    func batch(id: String) async throws -> Batch?
    /// One operator's batches, or every batch when `operatorID` is nil; newest first.
    func batches(operatorID: String?) async throws -> [Batch]
    /// Inserts the item; when the batch already has an item with that id, returns the stored one.
    func insertBatchItem(_ item: BatchItem) async throws -> BatchItem
    /// The batch's items in upload order.
    func batchItems(batchID: String) async throws -> [BatchItem]
    /// How many items the batch has and their audio seconds, counted by the database (progress polls).
    func batchTotals(batchID: String) async throws -> BatchTotals
    /// Up to `limit` of the batch's items uploaded after the item numbered `afterSequence` (0: from the first), in
    /// upload order, each with its upload sequence number. Sequence numbers only grow, so an item uploaded later
    /// never lands before a cursor a client already holds (the results cursor, docs/api.md).
    func batchItems(batchID: String, afterSequence: Int64, limit: Int) async throws -> [(sequence: Int64, item: BatchItem)]

    /// A cheap round trip for `/ready`.
    func ping() async throws
    func close() async
}
