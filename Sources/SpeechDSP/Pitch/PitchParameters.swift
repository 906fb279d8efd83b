/// Every default of the pitch tracker in one place (as Praat keeps them in its "To Pitch (ac)..." form).
///
/// The first seven follow Boersma (1993) and Praat's defaults, except the range (50-600 Hz, wide enough for a
/// 70 Hz bass and a 450 Hz child) and the 10 ms hop. The rest are Speakwell's additions; docs/pitch.md explains
/// each one and shows what it buys on the bench.
public struct PitchParameters: Sendable, Equatable {
    /// Lowest F0 searched, Hz (30...300). Sets the window: `periodsPerWindow / floorHz` seconds.
    public var floorHz: Double = 50
    /// Highest F0 searched, Hz (floorHz * 2 ... analysis Nyquist / 2).
    public var ceilingHz: Double = 600
    /// Frame hop, seconds (0.001...0.05). Frame `i` is centred at `i * hopSeconds`.
    public var hopSeconds: Double = 0.010
    /// Window length in periods of `floorHz` (Praat: 3 for the autocorrelation method), 2...6.
    public var periodsPerWindow: Double = 3
    /// Most candidates kept per frame, including the unvoiced one (Praat: 15), 2...30.
    public var maxCandidates: Int = 15
    /// Frames whose peak is below this fraction of the recording's peak lean unvoiced (Praat: 0.03), 0...1.
    public var silenceThreshold: Double = 0.03
    /// Normalised-autocorrelation strength a frame needs to be voiced (Praat: 0.45), 0...1.
    public var voicingThreshold: Double = 0.45
    /// Per-octave bonus for higher candidates against subharmonic errors (Praat: 0.01), 0...0.2.
    public var octaveCost: Double = 0.01
    /// Path cost of an octave jump between neighbouring frames, 0...2. Twice Praat's 0.35: speech F0 moves
    /// at most about 1 semitone per 10 ms even in large excursions (Xu & Sun 2002, JASA 111), so a half-octave
    /// step between frames is an octave error or another talker, which Praat's cost (0.18) barely deters.
    public var octaveJumpCost: Double = 0.7
    /// Path cost of a voiced/unvoiced transition at steady energy, 0...2 (Praat: 0.14, flat). 0.2 with the
    /// energy modulation below (chosen on the bench set, where 0.18-0.24 meet the same targets at weight 1).
    public var voicedUnvoicedCost: Double = 0.2
    /// Share of `voicedUnvoicedCost` that follows the signal's energy change, 0...1 (0 = Praat's flat cost).
    /// After RAPT (Talkin 1995, "A robust algorithm for pitch tracking (RAPT)", in Kleijn & Paliwal (eds.),
    /// Speech Coding and Synthesis, Elsevier; ESPS get_f0's `trans_amp`): with `r` the RMS of a 30 ms Hann window
    /// centred 10 ms after a frame's centre over that of one centred 10 ms before it (RAPT's windows), a
    /// voiced -> unvoiced change costs `c * (1 - w + w * r)` and an unvoiced -> voiced one
    /// `c * (1 - w + w / r)`, `c = voicedUnvoicedCost`, `w` this weight. Voicing stops as energy falls and starts
    /// as it rises, so a path that drops out for a frame and resumes on another candidate while a voice decays
    /// pays for it. 1 = RAPT's form (its fixed `trans_cost` is 1 % of `trans_amp`).
    public var voicingTransitionEnergyWeight: Double = 1
    /// Unvoiced stretches shorter than this keep the pitch of the voiced frame before them: resuming voicing
    /// pays `octaveJumpCost` from it, fading to nothing at this length (after pYIN, Mauch & Dixon 2014), 0...1 s;
    /// 0 = Praat (free restart after any unvoiced frame), the default in a quiet or hissing background, where
    /// no other talker can take over across a gap and a speaker may well resume higher (creak -> modal).
    public var bridgeSeconds: Double = 0
    /// `bridgeSeconds` when the background holds competing voices: another talker heard through a voiceless
    /// consonant does not continue the speaker's pitch, 0...1 s.
    public var noisyBridgeSeconds: Double = 0.25
    /// Background level: this quantile (0...0.5) of the frames' local peaks estimates the noise floor peak.
    public var backgroundQuantile: Double = 0.10
    /// Frames lean unvoiced as Praat's silent frames do, but relative to the noise floor instead of the
    /// recording's peak: the unvoiced strength gains `max(0, 2 - localPeak / (backgroundThreshold * floorPeak))`,
    /// so a frame needs a local peak above `2 * backgroundThreshold` times the noise floor's to escape it.
    /// 0 turns the rule off (Praat's behaviour); 0...2.
    public var backgroundThreshold: Double = 0.75
    /// `backgroundThreshold` when the background holds competing voices (see `competingVoicePeriodicity`),
    /// 0...2: a quiet periodic frame there may be another talker rather than the speaker.
    public var noisyBackgroundThreshold: Double = 1.0
    /// Rate the signal is low-passed and decimated to before the autocorrelation, Hz (>= 6 * ceilingHz).
    /// Speech periodicity lives below ~2 kHz while broadband noise does not: 4 kHz keeps the first few
    /// harmonics of every voice in range and drops three quarters of white noise (and of the work).
    public var analysisRateHz: Double = 4000
    /// With competing voices (see `competingVoicePeriodicity`), analyse again at the full input rate: the other
    /// talkers' harmonics sit in the same low band as the speaker's, and the full band separates them better.
    public var fullBandWithCompetingVoices: Bool = true
    /// Second pass over the same candidates with the range narrowed to the speaker
    /// (Hirst 2011 / De Looze & Hirst 2008: 0.72 * q35 ... 1.9 * q65 of the first pass).
    public var narrowsToSpeaker: Bool = true
    /// Speaker floor = this x the first pass's 35th percentile in a quiet recording, 0.3...1. Lower than
    /// De Looze & Hirst's 0.72 because phrase-final falls and creak reach far below a speaker's 35th percentile.
    public var speakerFloorFactor: Double = 0.5
    /// Speaker floor factor with competing voices in the background (De Looze & Hirst: 0.72), 0.3...1: there,
    /// a candidate far below the speaker's range is more likely another talker than the speaker.
    public var noisySpeakerFloorFactor: Double = 0.72
    /// Competing voices: the loud frames (95th percentile of local peak) are less than this many dB above the
    /// noise floor (`backgroundQuantile`), 10...60 ...
    public var noisyBelowDecibels: Double = 35
    /// ... and the frames within 3 dB of the floor have a mean autocorrelation peak above this (babble ~0.6,
    /// hiss or silence ~0.15), 0...1.
    public var competingVoicePeriodicity: Double = 0.35
    /// Speaker ceiling = this x the first pass's 65th percentile (De Looze & Hirst: 1.9), 1...4.
    public var speakerCeilingFactor: Double = 1.9

    /// Second pass as a new analysis with a window fitted to the speaker (Hirst 2011): `periodsPerWindow`
    /// periods of the speaker floor, rounded down to `floorHz` x 2^(k/2). Only with `narrowsToSpeaker`.
    public var reanalysesForSpeaker: Bool = true
    /// Most half-octave steps the speaker's window floor may rise above `floorHz` (4: two octaves), 0...6.
    public var speakerWindowSteps: Int = 4
    /// Re-measure each kept candidate on the sinc-interpolated correlation (Praat's second pass) instead of
    /// trusting the parabola through three samples.
    public var refinesPeaks: Bool = true

    public init() {}

    /// The same parameters with a different range (for callers that know the speaker).
    public func with(floorHz: Double, ceilingHz: Double) -> PitchParameters {
        var copy = self
        copy.floorHz = floorHz
        copy.ceilingHz = ceilingHz
        return copy
    }
}
