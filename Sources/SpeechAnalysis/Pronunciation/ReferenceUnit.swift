/// A stretch of a reference that gets its own score: a word from the sidecar, or (without word timings)
/// a fixed-length pseudo-word. `rows` index the reference's kept feature rows.
public struct ReferenceUnit: Sendable, Equatable {
    public var label: String
    public var rows: Range<Int>
    public var startSeconds: Double
    public var endSeconds: Double
}
