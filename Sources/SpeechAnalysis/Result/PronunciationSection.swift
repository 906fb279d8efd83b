/// `pronunciation`: the learner scored against reference recordings; every score is 0...100.
/// Present only when at least one reference was given.
public struct PronunciationSection: Codable, Sendable, Equatable {
    public var overall: Double
    public var accuracy: Double
    public var fluency: Double
    public var intonation: Double
    public var rhythm: Double
    public var completeness: Double
    public var words: [Word]
    /// Version of the calibration model in Models/ that mapped distances to scores.
    public var modelVersion: String?
    public var referenceCount: Int?

    enum CodingKeys: String, CodingKey {
        case overall, accuracy, fluency, intonation, rhythm, completeness, words
        case modelVersion = "model_version", referenceCount = "reference_count"
    }

    public init(overall: Double, accuracy: Double, fluency: Double, intonation: Double, rhythm: Double,
                completeness: Double, words: [Word], modelVersion: String? = nil, referenceCount: Int? = nil) {
        self.overall = overall
        self.accuracy = accuracy
        self.fluency = fluency
        self.intonation = intonation
        self.rhythm = rhythm
        self.completeness = completeness
        self.words = words
        self.modelVersion = modelVersion
        self.referenceCount = referenceCount
    }

    public struct Word: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable { case ok, mispronounced, omitted, inserted }
        public var word: String
        /// Learner times; `nil` (JSON null) when the word was omitted.
        public var startSeconds: Double?
        public var endSeconds: Double?
        /// Reference times; `nil` for an inserted word.
        public var referenceStartSeconds: Double?
        public var referenceEndSeconds: Double?
        public var score: Double
        public var status: Status

        enum CodingKeys: String, CodingKey {
            case word, startSeconds = "start_s", endSeconds = "end_s"
            case referenceStartSeconds = "ref_start_s", referenceEndSeconds = "ref_end_s", score, status
        }

        public init(word: String, startSeconds: Double?, endSeconds: Double?, referenceStartSeconds: Double?,
                    referenceEndSeconds: Double?, score: Double, status: Status) {
            self.word = word
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.referenceStartSeconds = referenceStartSeconds
            self.referenceEndSeconds = referenceEndSeconds
            self.score = score
            self.status = status
        }

        /// Keeps `start_s`/`end_s` present as null for omitted words, as the contract says.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(word, forKey: .word)
            try container.encode(startSeconds, forKey: .startSeconds)
            try container.encode(endSeconds, forKey: .endSeconds)
            try container.encode(referenceStartSeconds, forKey: .referenceStartSeconds)
            try container.encode(referenceEndSeconds, forKey: .referenceEndSeconds)
            try container.encode(score, forKey: .score)
            try container.encode(status, forKey: .status)
        }
    }
}
