/// A batch's size, counted by the school store without reading its items.
public struct BatchTotals: Sendable, Equatable {
    public var items: Int
    public var audioSeconds: Double

    public init(items: Int, audioSeconds: Double) {
        self.items = items
        self.audioSeconds = audioSeconds
    }
}
