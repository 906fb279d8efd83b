/// One model recording ready for comparison: features of its speech frames, its scoring units and F0.
/// Prepare once per exercise and reuse for every learner.
public struct PreparedReference: Sendable {
    public var name: String
    public var utterance: UtteranceFeatures
    /// Word timings from the sidecar, or `nil` (then `units` are pseudo-words).
    public var words: [ReferenceWord]?
    public var units: [ReferenceUnit]
    public var f0: F0Track?

    public var hasWordTimings: Bool { words != nil }
}
