/// A Praat TextGrid: named tiers of labelled intervals or points over one time domain (Boersma & Weenink,
/// Praat manual, "TextGrid file formats"). Written by `TextGridWriter`, read by `TextGridReader`.
public struct TextGrid: Sendable, Equatable {
    public var startSeconds: Double
    public var endSeconds: Double
    public var tiers: [TextGridTier]

    public init(startSeconds: Double, endSeconds: Double, tiers: [TextGridTier]) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.tiers = tiers
    }

    /// The first tier called `name`, if any.
    public func tier(named name: String) -> TextGridTier? {
        tiers.first { $0.name == name }
    }
}
