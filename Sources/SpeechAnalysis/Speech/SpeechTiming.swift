/// Where the talking is in one recording: speech stretches, pauses, syllable nuclei, and the silence
/// before and after. Made by `SpeechTimingAnalyzer`; becomes the `speech` section and feeds `fluency`.
public struct SpeechTiming: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        public var durationSeconds: Double { endSeconds - startSeconds }
        public init(startSeconds: Double, endSeconds: Double) {
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
        }
    }

    public var durationSeconds: Double
    /// From the start of the file to the first speech; the whole file when nothing was said.
    public var leadingSilenceSeconds: Double
    /// From the last speech to the end of the file.
    public var trailingSilenceSeconds: Double
    /// Sounding stretches between leading and trailing silence, separated by silent pauses
    /// (filled pauses lie inside them).
    public var speech: [Interval]
    /// Silent and filled pauses in time order; never the leading or trailing silence.
    public var pauses: [SpeechSection.Pause]
    /// Syllable nucleus times, seconds; none inside filled pauses.
    public var syllableTimesSeconds: [Double]

    public init(durationSeconds: Double, leadingSilenceSeconds: Double, trailingSilenceSeconds: Double,
                speech: [Interval], pauses: [SpeechSection.Pause], syllableTimesSeconds: [Double]) {
        self.durationSeconds = durationSeconds
        self.leadingSilenceSeconds = leadingSilenceSeconds
        self.trailingSilenceSeconds = trailingSilenceSeconds
        self.speech = speech
        self.pauses = pauses
        self.syllableTimesSeconds = syllableTimesSeconds
    }

    /// Time from the first to the last speech (total time of the fluency measures), seconds.
    public var speakingSeconds: Double {
        max(0, durationSeconds - leadingSilenceSeconds - trailingSilenceSeconds)
    }

    /// The result document's `speech` section.
    public var section: SpeechSection {
        SpeechSection(leadingSilenceSeconds: leadingSilenceSeconds, trailingSilenceSeconds: trailingSilenceSeconds,
                      pauses: pauses, syllables: syllableTimesSeconds.map { SpeechSection.Syllable(timeSeconds: $0) })
    }
}
