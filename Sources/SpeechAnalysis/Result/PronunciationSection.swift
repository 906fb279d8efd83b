/// `pronunciation`: the learner scored against reference recordings; every score is 0...100.
/// Present only when at least one reference was given.
public struct PronunciationSection: Codable, Sendable, Equatable {
    public var overall: Double
    public var accuracy: Double
    public var fluency: Double
    /// `nil` (JSON null, key kept) when no F0 track was available for the learner or the references.
    public var intonation: Double?
    public var rhythm: Double
    public var completeness: Double
    public var words: [Word]
    /// Version of the calibration model in Models/ that mapped distances to scores.
    public var modelVersion: String?
    public var referenceCount: Int?
    /// Without reference word timings: the learner stretches with the worst local distance (words is empty).
    public var worstSegments: [Segment]?
    /// `recorded` (model recordings) or `synthetic` (text-only exercise: espeak-ng voices stood in).
    public var referenceKind: String?
    /// Where the reference word timings came from: `sidecar`, `aligned` (from the prompt text),
    /// `synthesis` (exact, synthetic references), `mixed`; absent without word timings.
    public var wordTimings: String?
    /// Model v3 and later: expected share of the reference words said correctly, 100 x (1 - mean over words of
    /// P(omitted) + (1 - P(omitted)) P(mispronounced)); the word-evidence part of `overall`. Absent without word timings.
    public var correctness: Double?
    /// Model v12 and later: the temperature applied to the learner's phone posteriors (1 = none; above 1 when the
    /// phone classifier explained this voice's expected phones worse than almost any voice it was calibrated on, e.g. a
    /// human voice: docs/pronunciation.md, step 6g). Absent without word timings or with older models.
    public var posteriorTemperature: Double?

    enum CodingKeys: String, CodingKey {
        case overall, accuracy, fluency, intonation, rhythm, completeness, words
        case modelVersion = "model_version", referenceCount = "reference_count", worstSegments = "worst_segments"
        case referenceKind = "reference_kind", wordTimings = "word_timings", correctness
        case posteriorTemperature = "posterior_temperature"
    }

    /// Keeps `intonation` present as null when it could not be measured.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(overall, forKey: .overall)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(fluency, forKey: .fluency)
        try container.encode(intonation, forKey: .intonation)
        try container.encode(rhythm, forKey: .rhythm)
        try container.encode(completeness, forKey: .completeness)
        try container.encode(words, forKey: .words)
        try container.encodeIfPresent(modelVersion, forKey: .modelVersion)
        try container.encodeIfPresent(referenceCount, forKey: .referenceCount)
        try container.encodeIfPresent(worstSegments, forKey: .worstSegments)
        try container.encodeIfPresent(referenceKind, forKey: .referenceKind)
        try container.encodeIfPresent(wordTimings, forKey: .wordTimings)
        try container.encodeIfPresent(correctness, forKey: .correctness)
        try container.encodeIfPresent(posteriorTemperature, forKey: .posteriorTemperature)
    }

    /// A learner stretch and its score (used when there are no word timings).
    public struct Segment: Codable, Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        public var referenceStartSeconds: Double
        public var referenceEndSeconds: Double
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case startSeconds = "start_s", endSeconds = "end_s", referenceStartSeconds = "ref_start_s"
            case referenceEndSeconds = "ref_end_s", score
        }

        public init(startSeconds: Double, endSeconds: Double, referenceStartSeconds: Double, referenceEndSeconds: Double, score: Double) {
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.referenceStartSeconds = referenceStartSeconds
            self.referenceEndSeconds = referenceEndSeconds
            self.score = score
        }
    }

    public init(overall: Double, accuracy: Double, fluency: Double, intonation: Double?, rhythm: Double,
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
        /// For a `mispronounced` word (models v5 and later): the learner error that explains the word best, when one
        /// of the typical errors (`PronunciationVariants`) explains it better than the expected phones. Absent
        /// otherwise (an addition to the contract's fields).
        public var likelyError: LikelyError? = nil

        /// A typical error: its rule, the expected phone (espeak-ng IPA) and what was said instead (`nil`: dropped).
        public struct LikelyError: Codable, Sendable, Equatable {
            public var rule: String
            public var expected: String
            public var said: String?

            public init(rule: String, expected: String, said: String?) {
                self.rule = rule; self.expected = expected; self.said = said
            }

            /// "θ -> t", "s dropped".
            public var summary: String { said.map { "\(expected) -> \($0)" } ?? "\(expected) dropped" }

            enum CodingKeys: String, CodingKey { case rule, expected, said }

            /// Keeps `said` present as null for a dropped phone.
            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(rule, forKey: .rule)
                try container.encode(expected, forKey: .expected)
                try container.encode(said, forKey: .said)
            }
        }

        enum CodingKeys: String, CodingKey {
            case word, startSeconds = "start_s", endSeconds = "end_s"
            case referenceStartSeconds = "ref_start_s", referenceEndSeconds = "ref_end_s", score, status
            case likelyError = "likely_error"
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
            try container.encodeIfPresent(likelyError, forKey: .likelyError)
        }
    }
}
