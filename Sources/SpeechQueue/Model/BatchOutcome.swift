/// The answer to a batched lease operation: what was accepted, and why the rest was refused.
/// A batch never fails as a whole because one job's lease moved on.
public struct BatchOutcome<Accepted: Sendable>: Sendable {
    public var accepted: [Accepted]
    public var refused: [JobID: QueueError]
    public init(accepted: [Accepted] = [], refused: [JobID: QueueError] = [:]) {
        self.accepted = accepted
        self.refused = refused
    }
}
