import Foundation
import SpeechAnalysis

/// What `--server` mode reads of one line of `GET /api/v1/batches/{id}/results`: the item id, the error of a
/// failed item, and of a result document its schema and duration (for the audio-hours rate). The line itself
/// goes to the ledger as the service sent it.
struct ServerResultLine: Decodable, Sendable {
    struct Audio: Decodable, Sendable {
        var durationSeconds: Double
        enum CodingKeys: String, CodingKey { case durationSeconds = "duration_s" }
    }

    var id: String
    var error: LedgerLine.ItemError?
    var schema: String?
    var audio: Audio?

    /// A result document: `speakwell.result/N` with its `audio` section. Any N: a newer service may only add
    /// fields (SPEC), and its lines go to the ledger as they are. A line with neither this nor an error is
    /// not recorded; its item ends `jobLost` once the service has finished the batch.
    var isResultDocument: Bool {
        error == nil && audio != nil && schema?.hasPrefix(Self.schemaFamily) == true
    }

    /// `speakwell.result/` of `speakwell.result/1`.
    private static let schemaFamily = String(ResultDocument.schemaIdentifier.prefix { $0 != "/" }) + "/"

    static func decode(_ line: Data) -> ServerResultLine? { try? JSONDecoder().decode(Self.self, from: line) }
}
