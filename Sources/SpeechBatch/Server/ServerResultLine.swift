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

    /// A result document of the schema this client writes (a line with neither that nor an error is not one).
    var isResultDocument: Bool { error == nil && schema == ResultDocument.schemaIdentifier && audio != nil }

    static func decode(_ line: Data) -> ServerResultLine? { try? JSONDecoder().decode(Self.self, from: line) }
}
