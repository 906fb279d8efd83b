/// Acceptance limits for a recording. Defaults follow SPEC "Audio in"; all are configurable.
public struct DecodeLimits: Sendable, Equatable {
    /// Shorter recordings are refused with `tooShort` (seconds, > 0).
    public var minimumSeconds: Double = 0.3
    /// Longer recordings are refused with `tooLong` before they are decoded in full (seconds).
    public var maximumSeconds: Double = 600
    /// A recording whose peak stays below this level is refused as `silent` (dBFS, < 0).
    public var silencePeakDecibels: Double = -60
    /// A sample at or above this magnitude (full scale = 1) counts as clipped.
    public var clippingLevel: Float = 0.999
    /// Above this clipped fraction (0...1) the result carries a clipping warning.
    public var clippingWarningFraction: Double = 0.001

    public init() {}
}
