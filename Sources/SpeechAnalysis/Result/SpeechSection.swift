/// `speech`: where the talking is. Leading and trailing silence are never pauses.
public struct SpeechSection: Codable, Sendable, Equatable {
    public var leadingSilenceSeconds: Double
    public var trailingSilenceSeconds: Double
    public var pauses: [Pause]
    public var syllables: [Syllable]

    enum CodingKeys: String, CodingKey {
        case leadingSilenceSeconds = "leading_silence_s", trailingSilenceSeconds = "trailing_silence_s"
        case pauses, syllables
    }

    public init(leadingSilenceSeconds: Double, trailingSilenceSeconds: Double, pauses: [Pause], syllables: [Syllable]) {
        self.leadingSilenceSeconds = leadingSilenceSeconds
        self.trailingSilenceSeconds = trailingSilenceSeconds
        self.pauses = pauses
        self.syllables = syllables
    }

    public struct Pause: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case silent, filled }
        public var startSeconds: Double
        public var endSeconds: Double
        public var kind: Kind

        enum CodingKeys: String, CodingKey { case startSeconds = "start_s", endSeconds = "end_s", kind }

        public init(startSeconds: Double, endSeconds: Double, kind: Kind) {
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.kind = kind
        }

        public var durationSeconds: Double { endSeconds - startSeconds }
    }

    public struct Syllable: Codable, Sendable, Equatable {
        /// Time of the syllable nucleus (intensity peak), seconds.
        public var timeSeconds: Double

        enum CodingKeys: String, CodingKey { case timeSeconds = "t_s" }

        public init(timeSeconds: Double) { self.timeSeconds = timeSeconds }
    }
}
