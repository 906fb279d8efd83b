/// Frame features made by `SpeechFrameAnalyzer`; frame `i` is centred at `i * hopSeconds`.
public struct SpeechFrames: Sendable {
    public let hopSeconds: Double
    /// 100–4000 Hz power, dB re a full-scale sine; `Decibels.floorDecibels` for digital silence.
    public let levelDecibels: [Float]
    /// 300–2500 Hz (vowel) power, dB re full scale.
    public let sonorityDecibels: [Float]
    /// Mel-spaced band powers 100–4000 Hz (linear, re full scale), `bandCount` per frame, frame-major;
    /// 0 for digital silence.
    public let bandCount: Int
    public let bandPower: [Float]
    /// Normalised autocorrelation peak, 0...1; empty when periodicity was not computed.
    public let periodicity: [Float]
    /// Lag of that peak as a frequency, Hz; 0 where no peak was found; empty when not computed.
    public let f0Hz: [Float]

    public var count: Int { levelDecibels.count }

    public init(hopSeconds: Double, levelDecibels: [Float], sonorityDecibels: [Float], bandCount: Int,
                bandPower: [Float], periodicity: [Float], f0Hz: [Float]) {
        self.hopSeconds = hopSeconds
        self.levelDecibels = levelDecibels
        self.sonorityDecibels = sonorityDecibels
        self.bandCount = bandCount
        self.bandPower = bandPower
        self.periodicity = periodicity
        self.f0Hz = f0Hz
    }
}
