/// The temporal fluency measures of the `fluency` section, from a `SpeechTiming`.
///
/// Definitions follow De Jong & Wempe (2009) for speech rate, articulation rate and phonation-time
/// ratio, and Cucchiarini, Strik & Boves (2000, 2002) — whose ratings study found speech rate, mean
/// length of run and phonation-time ratio track rated fluency best — for runs and pauses. "Total time"
/// is from the first to the last speech (leading and trailing silence are recording overhead, not the
/// speaker's). Formulas and units: docs/fluency.md.
public enum FluencyMeasures {
    /// - Parameter longPauseSeconds: a silent pause at least this long is a long pause (default 1 s).
    /// - Returns: zeros for a recording without speech (no division by zero).
    public static func section(for timing: SpeechTiming, longPauseSeconds: Double = 1.0) -> FluencySection {
        let syllables = timing.syllableTimesSeconds.count
        let total = timing.speakingSeconds
        let silent = timing.pauses.filter { $0.kind == .silent }
        let filled = timing.pauses.filter { $0.kind == .filled }
        let pauseTime = timing.pauses.reduce(0) { $0 + $1.durationSeconds }
        let phonation = max(0, total - pauseTime)
        // Runs are the stretches between consecutive pauses of either kind.
        let runs = timing.speech.isEmpty ? 0 : timing.pauses.count + 1
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
        return FluencySection(
            syllableCount: syllables,
            speechRateSyllablesPerSecond: ratio(Double(syllables), total),
            articulationRateSyllablesPerSecond: ratio(Double(syllables), phonation),
            phonationTimeRatio: ratio(phonation, total),
            meanLengthOfRunSyllables: ratio(Double(syllables), Double(runs)),
            pausesPerMinute: ratio(Double(silent.count), total / 60),
            meanPauseSeconds: ratio(silent.reduce(0) { $0 + $1.durationSeconds }, Double(silent.count)),
            longPauseCount: silent.filter { $0.durationSeconds >= longPauseSeconds }.count,
            filledPauseCount: filled.count)
    }
}
