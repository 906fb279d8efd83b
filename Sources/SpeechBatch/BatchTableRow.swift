import Foundation
import SpeechAnalysis

/// What one `results.csv` row needs from a ledger line: the id, the error, and the summary numbers
/// (scores, fluency measures, pitch summary). Decoding a ledger line into this instead of a whole
/// `LedgerLine` skips the per-frame arrays (F0, voicing), which are most of a result document's bytes
/// and almost all of the cost of decoding it.
struct BatchTableRow: Decodable {
    struct Audio: Decodable {
        var durationSeconds: Double
        enum CodingKeys: String, CodingKey { case durationSeconds = "duration_s" }
    }

    struct Pitch: Decodable { var summary: PitchSummary? }

    struct Scores: Decodable {
        var overall, accuracy, fluency, intonation, rhythm, completeness: Double?
    }

    var id: String
    var error: LedgerLine.ItemError?
    var audio: Audio?
    var pronunciation: Scores?
    var fluency: FluencySection?
    var pitch: Pitch?

    init(_ line: LedgerLine) {
        id = line.id
        error = line.error
        guard let document = line.document else { return }
        audio = Audio(durationSeconds: document.audio.durationSeconds)
        pronunciation = document.pronunciation.map {
            Scores(overall: $0.overall, accuracy: $0.accuracy, fluency: $0.fluency, intonation: $0.intonation,
                   rhythm: $0.rhythm, completeness: $0.completeness)
        }
        fluency = document.fluency
        pitch = document.pitch.map { Pitch(summary: $0.summary) }
    }
}
