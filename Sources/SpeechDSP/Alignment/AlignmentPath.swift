/// A monotone warping path between a query (rows, e.g. the learner) and a template (columns, e.g. the
/// reference), from its first to its last cell, with the local distance of every cell on it.
public struct AlignmentPath: Sendable, Equatable {
    public var queryFrames: [Int32]
    public var templateFrames: [Int32]
    public var localDistances: [Float]
    /// Accumulated cost divided by `queryCount + templateCount` (comparable across lengths).
    public var normalizedCost: Double

    public init(queryFrames: [Int32], templateFrames: [Int32], localDistances: [Float], normalizedCost: Double) {
        self.queryFrames = queryFrames
        self.templateFrames = templateFrames
        self.localDistances = localDistances
        self.normalizedCost = normalizedCost
    }

    public var count: Int { queryFrames.count }
}
