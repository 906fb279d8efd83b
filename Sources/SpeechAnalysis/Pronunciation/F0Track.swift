/// A pitch track as the pitch analysis produces it: F0 per frame in Hz, `nil` (or <= 0) when unvoiced;
/// frame `i` is at `i * hopSeconds`. The intonation comparison reads only this, so any tracker can feed it.
public struct F0Track: Sendable, Equatable {
    public var hopSeconds: Double
    public var hz: [Double?]

    public init(hopSeconds: Double, hz: [Double?]) {
        self.hopSeconds = hopSeconds
        self.hz = hz
    }

    /// From a plain array where 0 marks an unvoiced frame.
    public init(hopSeconds: Double, zeroUnvoiced values: [Float]) {
        self.hopSeconds = hopSeconds
        self.hz = values.map { $0 > 0 ? Double($0) : nil }
    }

    public init(_ pitch: PitchSection) {
        self.init(hopSeconds: pitch.hopSeconds, hz: pitch.f0Hz)
    }

    /// F0 at `seconds` (nearest frame) in Hz, `nil` when unvoiced or outside the track.
    public func hz(at seconds: Double) -> Double? {
        let index = Int((seconds / hopSeconds).rounded())
        guard index >= 0, index < hz.count, let value = hz[index], value > 0 else { return nil }
        return value
    }

    /// Median F0 of the voiced frames, Hz; `nil` with fewer than 5 voiced frames.
    public var medianHz: Double? {
        let voiced = hz.compactMap { $0 }.filter { $0 > 0 }.sorted()
        return voiced.count >= 5 ? voiced[voiced.count / 2] : nil
    }
}
