import Foundation
import SpeechAnalysis

/// `results.csv` (one flat row per item) and `errors.csv` (item, code, message), derived from the ledger
/// and replaced atomically, so a kill while writing them leaves the previous complete version.
public enum BatchTables {
    public static let resultColumns = [
        "id", "status", "error_code", "duration_s",
        "overall", "accuracy", "fluency", "intonation", "rhythm", "completeness",
        "syllable_count", "speech_rate_sps", "articulation_rate_sps", "phonation_time_ratio",
        "mean_length_of_run_syll", "pauses_per_min", "mean_pause_s", "long_pause_count", "filled_pause_count",
        "median_hz", "range_st", "sd_st", "slope_st_per_s",
    ]

    public static func write(_ entries: [LedgerLine], to folder: URL) throws {
        try write(rows: entries.map(BatchTableRow.init), to: folder)
    }

    static func write(rows entries: [BatchTableRow], to folder: URL) throws {
        var results = resultColumns.joined(separator: ",") + "\n"
        var errors = "id,code,message\n"
        for entry in entries {
            results += row(entry).map(CSVRecord.quote).joined(separator: ",") + "\n"
            if let error = entry.error {
                errors += [entry.id, error.code, error.message].map(CSVRecord.quote).joined(separator: ",") + "\n"
            }
        }
        try Data(results.utf8).write(to: folder.appendingPathComponent("results.csv"), options: .atomic)
        try Data(errors.utf8).write(to: folder.appendingPathComponent("errors.csv"), options: .atomic)
    }

    static func row(_ entry: BatchTableRow) -> [String] {
        guard entry.error == nil, let audio = entry.audio else {
            return [entry.id, "failed", entry.error?.code ?? ""] + Array(repeating: "", count: resultColumns.count - 3)
        }
        let pronunciation = entry.pronunciation, fluency = entry.fluency, pitch = entry.pitch?.summary
        let values: [Double?] = [
            audio.durationSeconds,
            pronunciation?.overall, pronunciation?.accuracy, pronunciation?.fluency, pronunciation?.intonation,
            pronunciation?.rhythm, pronunciation?.completeness,
            fluency.map { Double($0.syllableCount) }, fluency?.speechRateSyllablesPerSecond,
            fluency?.articulationRateSyllablesPerSecond, fluency?.phonationTimeRatio, fluency?.meanLengthOfRunSyllables,
            fluency?.pausesPerMinute, fluency?.meanPauseSeconds, fluency.map { Double($0.longPauseCount) },
            fluency.map { Double($0.filledPauseCount) },
            pitch?.medianHz, pitch?.rangeSemitones, pitch?.sdSemitones, pitch?.slopeSemitonesPerSecond,
        ]
        return [entry.id, "succeeded", ""] + values.map(format)
    }

    private static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.4f", value)
    }
}
