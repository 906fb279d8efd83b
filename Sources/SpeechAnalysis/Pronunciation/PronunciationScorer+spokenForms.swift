import SpeechSynthesis

extension PronunciationScorer {
    /// Each word's expected phones (class indices) in the form the references say it (model v23), and for every word
    /// espeak-ng gives two forms, the other one (model v24 measures each learner against either).
    ///
    /// espeak-ng transcribes a sentence with its weak forms ("a" /ɐ/, "of" /əv/), while a speaker may use the
    /// citation form (/eɪ/, /ʌv/): correct English, but a word expected in the weak form and said in the strong one
    /// looks, to the phone evidence, like a word that is not there. Where the forms differ, each is force-aligned on
    /// every reference's own span of the word (`GoodnessOfPronunciation`, frame mean); with `choosing`, the form alone
    /// is expected when `prefers` it over the sentence form on the mean over the references. One short Viterbi per
    /// form and reference, only for such words.
    /// - Parameter choosing: let the references choose (v23); otherwise the sentence form is expected (v11).
    /// - Returns: `nil` when espeak-ng cannot transcribe.
    func wordPhonesSpoken(by references: [PreparedReference], posteriors: [PhonePosteriors?], words: [String],
                          model: PhoneModel, choosing: Bool) -> (phones: [[Int]], otherForms: [Int: [Int]])? {
        guard let forms = try? SpeechSynthesizer.spokenForms(of: words), forms.count == words.count else { return nil }
        let index = model.classIndex
        var phones = [[Int]](), otherForms = [Int: [Int]]()
        for (w, spelled) in forms.enumerated() {
            let candidates = spelled.map { $0.compactMap { index[$0] } }
            guard candidates.count > 1, candidates[1] != candidates[0], !candidates[1].isEmpty else {
                phones.append(candidates[0]); continue
            }
            let switched = choosing && prefers(meanGoodness(of: candidates[1], word: w, references: references, posteriors: posteriors),
                                               over: meanGoodness(of: candidates[0], word: w, references: references, posteriors: posteriors))
            phones.append(candidates[switched ? 1 : 0])
            otherForms[w] = candidates[switched ? 0 : 1]
        }
        return (phones, otherForms)
    }

    /// Each word's phones and error variants for this learner (model v24): where a word has another form
    /// (`ReferenceSet.otherWordForms`) that the learner's own span of it (`spans`, the closest reference's DTW span)
    /// fits as `prefers` asks, that form and its variants; every other word keeps the exercise's.
    func learnerWordForms(_ set: ReferenceSet, posteriors: PhonePosteriors, spans: [Range<Int>])
        -> (phones: [[Int]]?, variants: [[PronunciationVariants.Variant]]?) {
        guard var phones = set.wordPhones, let labels = self.phones?.model.classLabels else { return (set.wordPhones, set.wordVariants) }
        var variants = set.wordVariants
        let rules = PronunciationVariants(classLabels: labels)
        for (w, other) in set.otherWordForms.sorted(by: { $0.key < $1.key }) where w < spans.count && w < phones.count {
            let exercise = goodness.evaluate(logPosteriors: posteriors, rows: spans[w], phones: phones[w])?.frameMean
            let learner = goodness.evaluate(logPosteriors: posteriors, rows: spans[w], phones: other)?.frameMean
            guard prefers(learner, over: exercise) else { continue }
            phones[w] = other
            variants?[w] = rules.variants(of: other)
        }
        return (phones, variants)
    }

    /// Whether a form whose goodness is `candidate` is clearly said where the one at `current` is expected: at least
    /// `spokenFormGoodnessAtLeast` and more than `spokenFormMarginNatsPerFrame` better (nats per frame).
    private func prefers(_ candidate: Double?, over current: Double?) -> Bool {
        guard let candidate, let current else { return false }
        return candidate >= parameters.spokenFormGoodnessAtLeast && candidate > current + parameters.spokenFormMarginNatsPerFrame
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
