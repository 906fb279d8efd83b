/// Speech made by espeak-ng, at the 16 kHz analysis rate, with the exact time of each word.
public struct SynthesizedSpeech: Sendable {
    public struct Word: Sendable, Equatable, Codable {
        public var word: String
        public var startSeconds: Double
        public var endSeconds: Double

        enum CodingKeys: String, CodingKey { case word, startSeconds = "start_s", endSeconds = "end_s" }

        public init(word: String, startSeconds: Double, endSeconds: Double) {
            self.word = word
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
        }
    }

    public var samples: [Float]
    public var sampleRateHz: Int
    public var voice: SynthesisVoice
    /// Words of the text in order, timed from espeak-ng's word events (start) and the audio (end).
    public var words: [Word]
    /// Tokens of the text espeak-ng reported no word event for (not invented).
    public var unplacedWords: [String]

    public var durationSeconds: Double { Double(samples.count) / Double(sampleRateHz) }
}
