/// One line of `results.jsonl`: the result document with its item `id` added at the top level,
/// or the item's `id` with an `error`.
public struct LedgerLine: Codable, Sendable {
    public struct ItemError: Codable, Sendable, Equatable {
        public let code: String
        public let message: String
    }

    public let id: String
    public let document: ResultDocument?
    public let error: ItemError?

    init(id: String, document: ResultDocument) {
        self.id = id
        self.document = document
        self.error = nil
    }

    init(id: String, error: ItemError) {
        self.id = id
        self.document = nil
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case id, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        error = try container.decodeIfPresent(ItemError.self, forKey: .error)
        document = error == nil ? try ResultDocument(from: decoder) : nil
    }

    /// The document's own fields and `id` share one JSON object, so a line is a valid result document.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if let error { try container.encode(error, forKey: .error) }
        try document?.encode(to: encoder)
    }
}

import SpeechAnalysis
