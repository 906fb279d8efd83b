/// Word timings of one recording found from its prompt text (`ReferenceAligner`): every word of the text
/// in order, with its span in the recording, or no span when the aligner could not place it.
public struct WordAlignment: Sendable, Equatable, Codable {
    public struct Word: Sendable, Equatable, Codable {
        public var word: String
        /// Seconds from the start of the recording; `nil` (JSON null) when the word is unplaced.
        public var startSeconds: Double?
        public var endSeconds: Double?
        /// How many synthetic renditions placed the word (of `voices.count`).
        public var votes: Int

        public var isPlaced: Bool { startSeconds != nil && endSeconds != nil }

        enum CodingKeys: String, CodingKey { case word, startSeconds = "start_s", endSeconds = "end_s", votes }

        public init(word: String, startSeconds: Double?, endSeconds: Double?, votes: Int) {
            self.word = word
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.votes = votes
        }

        /// Keeps `start_s`/`end_s` present as null for unplaced words.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(word, forKey: .word)
            try container.encode(startSeconds, forKey: .startSeconds)
            try container.encode(endSeconds, forKey: .endSeconds)
            try container.encode(votes, forKey: .votes)
        }
    }

    public var words: [Word]
    /// The espeak-ng voices whose renditions were warped onto the recording.
    public var voices: [String]

    public init(words: [Word], voices: [String]) {
        self.words = words
        self.voices = voices
    }

    /// The placed words, in the sidecar form (`NAME.words.json`) the pronunciation scorer reads.
    public var referenceWords: [ReferenceWord] {
        words.compactMap { word in
            guard let start = word.startSeconds, let end = word.endSeconds else { return nil }
            return ReferenceWord(word: word.word, startSeconds: start, endSeconds: end)
        }
    }

    /// Words of the text the aligner could not place (reported, never invented).
    public var unplacedWords: [String] { words.filter { !$0.isPlaced }.map(\.word) }
}
