/// One word of a reference recording with its time span in seconds from the start of that recording
/// (the `NAME.words.json` sidecar format of SPEC "Reference word timings").
public struct ReferenceWord: Codable, Sendable, Hashable {
    public var word: String
    public var startSeconds: Double
    public var endSeconds: Double

    enum CodingKeys: String, CodingKey {
        case word, startSeconds = "start_s", endSeconds = "end_s"
    }

    public init(word: String, startSeconds: Double, endSeconds: Double) {
        self.word = word
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
    }
}
