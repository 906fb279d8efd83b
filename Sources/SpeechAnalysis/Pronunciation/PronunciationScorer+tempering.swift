extension PronunciationScorer {
    /// The temperature at which a reading's phone posteriors are to be read again, or `nil` to keep them: when the
    /// classifier explains the reading's expected phones worse than it explained almost any reading the calibration
    /// was fitted on (model v12, `posterior_tempering_floor`).
    ///
    /// Why: the phone classifier has heard espeak-ng voices only. On a human voice it is confidently wrong on many
    /// correctly said phones, so every phone-evidence term (goodness, the omission and variant ratios, the insertion
    /// filler) moves as it does for a word said wrong, and a native reading gets two fifths of its words flagged
    /// (bench/pronunciation/make-human-set.py). The typical size of that mismatch is measurable without knowing which
    /// words are wrong: `s`, the median over the reading's words of their aligned goodness (frame mean, nats), is
    /// about -0.3 for the fit voices and -2 to -4 for the human readings; a few wrong words do not move a median. When
    /// `s` is below `floor`, the posteriors are divided by `T = s / floor` (`PhonePosteriors.tempered(by:)`), which
    /// brings `s` back to about `floor`: the reading's evidence is read on the scale the calibration knows. Readings
    /// at or above the floor are untouched and cost nothing more; a tempered one costs its phone evidence twice.
    /// - Parameter words: the reading's utterance forced alignment on its untempered posteriors.
    func temperingTemperature(_ words: [UtteranceForcedAlignment.Word?]) -> Double? {
        guard let floor = parameters.posteriorTemperingFloor, floor < 0 else { return nil }
        let goodness = words.compactMap { $0?.goodness.frameMean }
        guard !goodness.isEmpty else { return nil }
        let s = Self.median(goodness)
        return s < floor ? s / floor : nil
    }
}

extension PronunciationScorer {
    /// Whether a reading the classifier explains poorly may be tempered (model v13's gate): PocketSphinx's
    /// human-trained acoustic model must hear the prompt's `words` in `samples` (median `SphinxWordGoodness` at
    /// least `posteriorTemperingGate`). Our classifier cannot tell a voice it does not know from words that are not
    /// there; the human-trained model can, so a reading of another text keeps its poor evidence. Without a gate
    /// every such reading may be tempered (v12). A prompt that cannot be measured (a word neither in the dictionary
    /// nor transcribed by espeak-ng) or a model that cannot be loaded means no tempering: the reading is scored as
    /// v11 scores it.
    /// - Parameters:
    ///   - humanWords: called only when there is a gate; `humanModelWords` of the prompt's words.
    ///   - goodness: set to the median when it was measured.
    func humanModelHearsTheWords(_ humanWords: () -> SphinxWordGoodness.Alignment?, goodness: inout Double?) -> Bool {
        guard let gate = parameters.posteriorTemperingGate else { return true }
        guard let values = humanWords()?.words.map(\.goodness), !values.isEmpty else { return false }
        let median = Self.median(values.map(Double.init))
        goodness = median
        return median >= gate
    }

    /// Each of `words`' `SphinxWordGoodness` in `samples` (16 kHz), a word outside the CMU dictionary said as
    /// `espeak`'s phonemes of it; nil when a word has neither, the recording cannot hold the prompt or the model
    /// cannot be loaded.
    static func humanModelWords(_ words: [String], espeak: [[String]]?, in samples: [Float]) -> SphinxWordGoodness.Alignment? {
        guard case .success(let models) = SphinxModels.debian,
              var measure = try? SphinxWordGoodness(model: models.model, dictionary: models.dictionary) else { return nil }
        return (try? measure.alignment(of: words, in: samples, espeak: espeak)) ?? nil
    }
}
