import SpeechSynthesis

extension PronunciationScorer {
    /// Class indices of each word's expected phones in the form the references say it (model v23).
    ///
    /// espeak-ng transcribes a sentence with its weak forms ("a" /ɐ/, "of" /əv/), while a speaker may use the
    /// citation form (/eɪ/, /ʌv/): correct English, but a word expected in the weak form and said in the strong one
    /// looks, to the phone evidence, like a word that is not there. Where the forms differ, each is force-aligned on
    /// every reference's own span of the word (`GoodnessOfPronunciation`, frame mean); the form alone is expected
    /// when its mean over the references is at least `parameters.spokenFormGoodnessAtLeast` and beats the sentence
    /// form's by more than `parameters.spokenFormMarginNatsPerFrame`. One short Viterbi per form and reference, only
    /// for such words.
    /// - Returns: `expectedPhones`' answer where no reference says another form; `nil` when espeak-ng cannot transcribe.
    func wordPhonesSpoken(by references: [PreparedReference], posteriors: [PhonePosteriors?], words: [String],
                          model: PhoneModel) -> [[Int]]? {
        guard let forms = try? SpeechSynthesizer.spokenForms(of: words), forms.count == words.count else { return nil }
        let index = model.classIndex
        return forms.enumerated().map { w, spelled in
            let candidates = spelled.map { $0.compactMap { index[$0] } }
            guard candidates.count > 1, candidates[1] != candidates[0] else { return candidates[0] }
            let goodness = candidates.map { meanGoodness(of: $0, word: w, references: references, posteriors: posteriors) }
            guard let inSentence = goodness[0], let alone = goodness[1],
                  alone >= parameters.spokenFormGoodnessAtLeast,
                  alone > inSentence + parameters.spokenFormMarginNatsPerFrame else { return candidates[0] }
            return candidates[1]
        }
    }

    /// Mean over the references of the goodness (frame mean) of `phones` on each reference's span of word `w`.
    private func meanGoodness(of phones: [Int], word w: Int, references: [PreparedReference], posteriors: [PhonePosteriors?]) -> Double? {
        var sum = 0.0, count = 0
        for (reference, posterior) in zip(references, posteriors) {
            guard let posterior, w < reference.units.count,
                  let result = goodness.evaluate(logPosteriors: posterior, rows: reference.units[w].rows, phones: phones) else { continue }
            sum += result.frameMean
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }
}
