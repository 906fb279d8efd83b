import SpeechDSP

/// Defaults of speech activity, pauses, filled pauses and syllable nuclei, in one place
/// (`AnalysisConfiguration.speech`). docs/fluency.md explains each and how it was chosen.
public struct SpeechTimingParameters: Sendable {
    public var frames = SpeechFrameAnalyzer.Parameters()

    // MARK: Speech activity (adaptive noise floor + hysteresis)
    /// Half-width of the minimum-statistics window of the noise floor, seconds (1–5).
    public var noiseFloorHalfWindowSeconds = 2.0
    /// Mean per-band log likelihood ratio that starts speech / keeps it going (Sohn et al. 1999;
    /// 0.1–2 / 0.02–0.5). 0.3 is about every band 2.5 dB above its noise.
    public var onsetLikelihoodRatio: Float = 0.3
    public var offsetLikelihoodRatio: Float = 0.03
    /// Speech is never sought more than this far below the speech level (95th percentile), dB (30–60):
    /// bounds the thresholds in digital silence, where the floor is -200 dB.
    public var dynamicRangeDecibels: Float = 42
    /// Median speech-end decay (from 20 dB below the speech level to silence) above which the recording
    /// is treated as reverberant, seconds (0.08–0.3); then `reverberantDynamicRangeDecibels` (20–35)
    /// replaces `dynamicRangeDecibels`, cutting reverberation tails as De Jong & Wempe's -25 dB does.
    public var reverberantDecaySeconds = 0.12
    public var reverberantDynamicRangeDecibels: Float = 25
    /// A frame with voicing at least this (0...1) stays speech at half `offsetLikelihoodRatio`.
    public var voicedThreshold: Float = 0.5
    /// Unvoiced speech blips shorter than this, alone inside a pause, are noise, seconds (0.02–0.1).
    public var minimumBlipSeconds = 0.06
    /// Shift of each speech edge inward, compensating the analysis window's smear, seconds (0–0.03).
    public var edgeCorrectionSeconds = 0.012

    // MARK: Pauses
    /// Shortest silent pause, seconds (0.1–0.5; 0.25 after Goldman-Eisler 1968 and De Jong & Bosker 2013).
    public var minimumPauseSeconds = 0.25
    /// A pause at least this long is a long pause, seconds (0.5–3).
    public var longPauseSeconds = 1.0

    // MARK: Filled pauses ("uh", "um")
    /// Shortest sustained, flat, stable voiced stretch taken as a filled pause, seconds (0.2–0.6).
    public var minimumFilledPauseSeconds = 0.25
    /// Largest F0 spread (90th - 10th percentile) inside a filled pause, semitones (1–4).
    public var filledPauseMaxPitchSpreadSemitones: Float = 2.0
    /// Largest spectral change (RMS over bands between frames 40 ms apart), dB (1.5–6).
    public var filledPauseMaxSpectralChangeDecibels: Float = 3.0

    // MARK: Syllable nuclei (after De Jong & Wempe 2009)
    /// A nucleus is at most this far below the 99th percentile of the sonority envelope, dB
    /// (De Jong & Wempe's silence threshold, -25 dB; range -35 ... -15).
    public var nucleusBelowMaximumDecibels: Float = -25
    /// ... and at least this far above the local noise floor, dB (3–12).
    public var nucleusAboveFloorDecibels: Float = 6
    /// Minimum dip on both sides of a nucleus, dB (De Jong & Wempe: 2 on one side; 1–5).
    public var minimumDipDecibels: Float = 2
    /// Nuclei closer than this keep only the louder one, seconds (0.04–0.12).
    public var minimumNucleusSpacingSeconds = 0.07

    public init() {}
}
