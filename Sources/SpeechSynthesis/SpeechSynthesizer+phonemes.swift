import CEspeakNG
import Foundation

extension SpeechSynthesizer {
    /// espeak-ng's phonemes of each word, as IPA names without stress marks (`"ð", "ə"`, `"θ", "ɹ", "iː"`): the
    /// same names as the phoneme events of a synthesis, which is what the pronunciation phone model was trained on.
    ///
    /// The words are transcribed as one text so that context applies as in speech ("the" before a vowel).
    /// espeak-ng joins some pairs into one entry ("in the" -> `ɪnðə`); such a group is split by the phoneme counts
    /// of its words said alone, and a word that still cannot be matched gets its transcription alone.
    /// - Returns: one array per word (empty for a word espeak-ng gives no phonemes, e.g. punctuation only).
    public static func phonemes(of words: [String], voice: SynthesisVoice = SynthesisVoice()) throws(SynthesisError) -> [[String]] {
        guard !words.isEmpty else { return [] }
        return try EspeakEngine.withVoice(voice) { (_: Int32) throws(SynthesisError) -> [[String]] in
            let groups = transcribe(words.joined(separator: " "))
            if groups.count == words.count { return groups }
            return inSentence(groups: groups, alone: words.map { transcribe($0).flatMap { $0 } })
        }
    }

    /// Each word's forms: first its phonemes in the sentence (as `phonemes(of:)` gives them), then its phonemes said
    /// alone when those differ. Said alone, espeak-ng gives the citation form a speaker may use in a sentence too:
    /// "a" as /eɪ/ rather than /ɐ/, "of" as /ʌv/, "to" as /tuː/.
    public static func spokenForms(of words: [String], voice: SynthesisVoice = SynthesisVoice()) throws(SynthesisError) -> [[[String]]] {
        guard !words.isEmpty else { return [] }
        return try EspeakEngine.withVoice(voice) { (_: Int32) throws(SynthesisError) -> [[[String]]] in
            let groups = transcribe(words.joined(separator: " "))
            let alone = words.map { transcribe($0).flatMap { $0 } }
            let sentence = groups.count == words.count ? groups : inSentence(groups: groups, alone: alone)
            return zip(sentence, alone).map { inContext, byItself in
                byItself.isEmpty || byItself == inContext ? [inContext] : [inContext, byItself]
            }
        }
    }

    /// Splits the sentence's phoneme groups into words: the fewest words whose phonemes alone add up to a group's
    /// take its phonemes; a word that cannot be matched gets its phonemes alone.
    private static func inSentence(groups: [[String]], alone: [[String]]) -> [[String]] {
        var out = [[String]](), g = 0, w = 0
        while w < alone.count {
            guard g < groups.count else { out.append(alone[w]); w += 1; continue }
            var k = 1, total = alone[w].count
            while total < groups[g].count && w + k < alone.count { total += alone[w + k].count; k += 1 }
            if total == groups[g].count {
                var offset = 0
                for j in w..<(w + k) {
                    out.append(Array(groups[g][offset..<(offset + alone[j].count)]))
                    offset += alone[j].count
                }
                w += k; g += 1
            } else {
                out.append(alone[w]); w += 1; g += 1
            }
        }
        return out
    }

    /// Phoneme groups (one per space-separated output word) of `text`; call inside the engine lock.
    private static func transcribe(_ text: String) -> [[String]] {
        let separator = Int32(UInt8(ascii: "_")) << 8
        let mode = Int32(espeakPHONEMES_IPA) | separator
        var output = ""
        text.withCString { pointer in
            var cursor: UnsafeRawPointer? = UnsafeRawPointer(pointer)
            while cursor != nil {
                guard let clause = espeak_TextToPhonemes(&cursor, Int32(espeakCHARS_UTF8), mode) else { break }
                output += String(cString: clause) + " "
            }
        }
        let stress: Set<Character> = ["ˈ", "ˌ"]
        return output.split(whereSeparator: \.isWhitespace).map { group in
            group.split(separator: "_").map { String($0.filter { !stress.contains($0) }) }.filter { !$0.isEmpty }
        }.filter { !$0.isEmpty }
    }
}
