/// What the `speakwell-espeak` helper is asked to say; travels as JSON in its one argument.
package struct SynthesisRequest: Codable, Sendable, Hashable {
    package var text: String
    package var voice: SynthesisVoice
    /// `[[...]]` spans of `text` are espeak-ng phoneme mnemonics.
    package var phonemeInput: Bool

    package init(text: String, voice: SynthesisVoice, phonemeInput: Bool) {
        self.text = text
        self.voice = voice
        self.phonemeInput = phonemeInput
    }
}
