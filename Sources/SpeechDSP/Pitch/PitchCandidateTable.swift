/// Per-frame pitch candidates of a whole signal: the output of the first (per-frame) phase and the input of
/// the path search. Row `i` holds frame `i`'s voiced candidates (frequency, strength); the unvoiced
/// candidate's strength is stored separately. All storage is made in `init`, so filling a row allocates nothing.
public final class PitchCandidateTable {
    /// Maximum voiced candidates per frame.
    public let capacity: Int
    public private(set) var frameCount: Int
    /// `frameCount * capacity` candidate frequencies, Hz.
    public var frequenciesHz: [Float]
    /// `frameCount * capacity` candidate strengths (normalised autocorrelation, minus the octave cost).
    public var strengths: [Float]
    /// Voiced candidates actually found in each frame.
    public var counts: [Int32]
    /// Strength of the "unvoiced" candidate of each frame (Boersma 1993, eq. 24).
    public var unvoicedStrengths: [Float]
    /// Largest absolute mean-removed sample of each frame (its "local peak", Boersma 1993).
    public var localPeaks: [Float]
    /// Highest normalised autocorrelation of each frame in the full range (0 when none), for voicing probability.
    public var bestCorrelations: [Float]
    /// RMS of the analysed signal just after each frame's centre divided by the RMS just before it (Talkin 1995's
    /// `rms_ratio`: 30 ms Hann windows centred 10 ms either side); 1 = steady. Read by the path's
    /// energy-modulated voicing transition cost (`PitchParameters.voicingTransitionEnergyWeight`).
    public var energyRatios: [Float]

    public init(frameCount: Int, capacity: Int) {
        precondition(capacity >= 1 && frameCount >= 0)
        self.capacity = capacity
        self.frameCount = frameCount
        frequenciesHz = [Float](repeating: 0, count: frameCount * capacity)
        strengths = [Float](repeating: 0, count: frameCount * capacity)
        counts = [Int32](repeating: 0, count: frameCount)
        unvoicedStrengths = [Float](repeating: 1, count: frameCount)
        bestCorrelations = [Float](repeating: 0, count: frameCount)
        localPeaks = [Float](repeating: 0, count: frameCount)
        energyRatios = [Float](repeating: 1, count: frameCount)
    }

    /// Re-uses the storage for `frameCount` frames, growing it only when needed.
    public func reset(frameCount newCount: Int) {
        if newCount * capacity > frequenciesHz.count {
            frequenciesHz = [Float](repeating: 0, count: newCount * capacity)
            strengths = [Float](repeating: 0, count: newCount * capacity)
            counts = [Int32](repeating: 0, count: newCount)
            unvoicedStrengths = [Float](repeating: 1, count: newCount)
            bestCorrelations = [Float](repeating: 0, count: newCount)
            localPeaks = [Float](repeating: 0, count: newCount)
            energyRatios = [Float](repeating: 1, count: newCount)
        }
        frameCount = newCount
    }
}
