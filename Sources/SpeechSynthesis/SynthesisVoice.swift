/// An espeak-ng voice: language voice, optional variant (speaker character), rate and pitch.
public struct SynthesisVoice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// espeak-ng voice name, e.g. `en-us`, `en-gb`, `en-gb-x-rp`, `en-029`.
    public var name: String
    /// Variant such as `m3`, `f2`, `f4`, `klatt`; nil for the voice's default.
    public var variant: String?
    /// Speaking rate, 80 ... 450 words per minute.
    public var rateWordsPerMinute: Int
    /// Base pitch, 0 ... 100 (espeak-ng's scale; 50 is the voice's default).
    public var pitch: Int

    public init(name: String = "en-us", variant: String? = nil, rateWordsPerMinute: Int = 160, pitch: Int = 50) {
        self.name = name
        self.variant = variant
        self.rateWordsPerMinute = rateWordsPerMinute
        self.pitch = pitch
    }

    var espeakName: String { variant.map { "\(name)+\($0)" } ?? name }

    public var description: String { "\(espeakName)@\(rateWordsPerMinute)wpm" }

    /// Several model speakers for text-only exercises: different accents, sexes and voice characters.
    public static let syntheticReferences: [SynthesisVoice] = [
        SynthesisVoice(name: "en-us", variant: nil, rateWordsPerMinute: 160),
        SynthesisVoice(name: "en-gb", variant: "f2", rateWordsPerMinute: 155),
        SynthesisVoice(name: "en-us", variant: "m3", rateWordsPerMinute: 150),
    ]
}
