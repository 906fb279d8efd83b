/// The error variants' evidence under the human-trained model: the extended recognition network of
/// `PronunciationVariants` (Harrison et al. 2009; the rules of Vietnamese learners' typical errors) run on
/// PocketSphinx's phones over the frames the forced path gave the word. A learner who said "tink" for "think"
/// leaves frames that /t ɪ ŋ k/ explains better than /θ ɪ ŋ k/ under a model trained on people, which the espeak-ng
/// phone classifier does not hear on voices unlike its training speech (docs/pronunciation-history.md, "Festival learners").
extension SphinxWordGoodness {
    /// The model's ARPAbet phones in the IPA labels `PronunciationVariants`' rules are written in (espeak-ng's en-us
    /// labels; AH is taken as /ʌ/, the stressed vowel the rules change).
    static let ruleLabels: [String: String] = [
        "AA": "ɑː", "AE": "æ", "AH": "ʌ", "AO": "ɔː", "AW": "aʊ", "AY": "aɪ", "B": "b", "CH": "tʃ", "D": "d", "DH": "ð",
        "EH": "ɛ", "ER": "ɜː", "EY": "eɪ", "F": "f", "G": "ɡ", "HH": "h", "IH": "ɪ", "IY": "iː", "JH": "dʒ", "K": "k",
        "L": "l", "M": "m", "N": "n", "NG": "ŋ", "OW": "oʊ", "OY": "ɔɪ", "P": "p", "R": "ɹ", "S": "s", "SH": "ʃ",
        "T": "t", "TH": "θ", "UH": "ʊ", "UW": "uː", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ",
    ]

    /// The rules over `model`'s phone indices.
    static func variants(for model: SphinxAcousticModel) -> PronunciationVariants {
        PronunciationVariants(classLabels: model.phones.map { ruleLabels[$0] ?? $0 })
    }

    /// How much better the best error variant of `phones` explains the word's frames than `phones` do: forced path
    /// scores over the same frames, difference per expected phone (nats; > 0: the variant fits better). nil when the
    /// word has no variant or the frames cannot hold its phones.
    static func variantLogRatio(of phones: [Int], variants: PronunciationVariants, frames span: Range<Int>,
                                scores: [Float], model: SphinxAcousticModel) -> Float? {
        let candidates = variants.variants(of: phones)
        guard !candidates.isEmpty else { return nil }
        guard let expected = pathScore(phones, frames: span, scores: scores, model: model),
              let best = candidates.compactMap({ pathScore($0.phones, frames: span, scores: scores, model: model) }).max()
        else { return nil }
        return (best - expected) / Float(phones.count)
    }

    /// The best left-to-right path's score through `phones` (three states each, no skips) over exactly the frames
    /// `span`: what `SphinxPhoneAlignment.forced` scores for a sequence without optional units, without its trace
    /// (one column of the trellis, updated in place from the last state back). nil when the frames cannot hold the
    /// phones' states.
    static func pathScore(_ phones: [Int], frames span: Range<Int>, scores: [Float], model: SphinxAcousticModel) -> Float? {
        let states = phones.flatMap { model.phoneSenones[$0] }
        guard !states.isEmpty, span.count >= states.count else { return nil }
        let senones = model.ciSenoneCount
        var column = [Float](repeating: -.infinity, count: states.count)
        column[0] = scores[span.lowerBound * senones + states[0]]
        for t in span.dropFirst() {
            let row = t * senones
            for i in stride(from: states.count - 1, through: 1, by: -1) {
                column[i] = max(column[i], column[i - 1]) + scores[row + states[i]]
            }
            column[0] += scores[row + states[0]]
        }
        return column[states.count - 1]
    }
}
