import SpeechSynthesis

/// Model recordings for a text-only exercise: the prompt spoken by several espeak-ng voices
/// (`SynthesisVoice.syntheticReferences`), with exact word timings from espeak-ng's word events.
/// Scores against them say how far the learner is from synthetic speech, not from a teacher: the result
/// marks them `reference_kind: "synthetic"`.
public enum SyntheticReferences {
    /// Digital silence around each rendition, seconds, as in a trimmed model recording.
    public static let paddingSeconds = 0.3

    /// One `ReferenceRecording` per voice; every rendition keeps only the words all voices placed, so the
    /// references list the same words.
    public static func recordings(text: String, voices: [SynthesisVoice] = SynthesisVoice.syntheticReferences)
        throws(AlignmentError) -> [ReferenceRecording] {
        let words = PromptWords.split(text)
        guard !words.isEmpty else { throw .emptyText() }
        var renditions = [(voice: SynthesisVoice, speech: SynthesizedSpeech, matched: [Int: (start: Double, end: Double)])]()
        for voice in voices {
            do {
                let speech = try SpeechSynthesizer.synthesize(text, voice: voice)
                let timed = ReferenceAligner.timedPromptWords(speech.words, words).map { ($0.index, (start: $0.start, end: $0.end)) }
                renditions.append((voice, speech, Dictionary(timed, uniquingKeysWith: { a, _ in a })))
            } catch {
                throw .synthesisFailed("\(voice): \(error)")
            }
        }
        let common = words.indices.filter { k in renditions.allSatisfy { $0.matched[k] != nil } }
        guard !common.isEmpty else { throw .nothingPlaced(name: "the synthetic references") }
        return renditions.map { rendition in
            let pad = [Float](repeating: 0, count: Int(paddingSeconds * Double(rendition.speech.sampleRateHz)))
            let timed = common.map { k -> ReferenceWord in
                let span = rendition.matched[k]!
                return ReferenceWord(word: words[k], startSeconds: span.start + paddingSeconds, endSeconds: span.end + paddingSeconds)
            }
            return ReferenceRecording(name: "synthetic \(rendition.voice)", samples: pad + rendition.speech.samples + pad,
                                      sampleRateHz: rendition.speech.sampleRateHz, words: timed)
        }
    }
}
