import Foundation

/// The result of analysing one recording: the stable contract of SPEC "The result document".
///
/// Field names are read by outside evaluation scripts: add fields freely, never rename or drop one.
/// A section is `nil` (absent from the JSON) only when it was not requested or cannot apply.
public struct ResultDocument: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "speakwell.result/1"

    public var schema: String
    public var audio: AudioSection
    public var pitch: PitchSection?
    public var speech: SpeechSection?
    public var fluency: FluencySection?
    public var pronunciation: PronunciationSection?

    public init(audio: AudioSection, pitch: PitchSection? = nil, speech: SpeechSection? = nil,
                fluency: FluencySection? = nil, pronunciation: PronunciationSection? = nil) {
        self.schema = Self.schemaIdentifier
        self.audio = audio
        self.pitch = pitch
        self.speech = speech
        self.fluency = fluency
        self.pronunciation = pronunciation
    }
}

extension ResultDocument {
    /// JSON bytes of the document; `pretty` adds indentation for people.
    /// The compact form writes the pitch frame arrays directly (`PitchSection+json.swift`): they are most of
    /// the bytes, and JSONEncoder's generic path made them about 6 % of a worker's time per recording.
    /// Both forms have sorted keys and decode to the same document.
    public func jsonData(pretty: Bool = false) throws -> Data {
        guard !pretty, let pitch else { return try Self.encoder(pretty: pretty).encode(self) }
        var rest = self
        rest.pitch = nil
        var bytes = try Self.encoder(pretty: false).encode(rest)
        SortedJSONObject.insert(key: "pitch", value: try pitch.compactJSON(), into: &bytes)
        return bytes
    }

    /// The one JSONEncoder configuration of result documents (sorted keys, slashes unescaped).
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decode(json: Data) throws -> ResultDocument {
        try JSONDecoder().decode(ResultDocument.self, from: json)
    }
}
