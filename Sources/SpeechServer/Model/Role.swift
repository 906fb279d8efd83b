/// What a user may do. A student sees only their own submissions, a teacher only their classes,
/// an operator runs batches, an admin sees everything. Raw values are stored and part of the API.
public enum Role: String, Codable, Sendable, CaseIterable {
    case student, teacher, `operator`, admin
}
