/// Goodness of each word of a prompt in a recording, from PocketSphinx's human-trained acoustic model: the
/// forced path through the prompt's phones (optional silence around and between words) against the free phone
/// loop over the same frames, per frame (Witt & Young 2000, with the free loop as the competing model). 0 is as
/// good as any phones; a word said wrong, or not said and squeezed into too few frames, goes far below.
/// One per thread (the front end and the scorer keep scratch state).
public struct SphinxWordGoodness {
    public let model: SphinxAcousticModel
    public let dictionary: SphinxPronouncingDictionary
    private let features: SphinxFeatures
    private var scorer: SphinxSenoneScorer
    private let variants: PronunciationVariants

    public init(model: SphinxAcousticModel, dictionary: SphinxPronouncingDictionary) throws(AcousticModelError) {
        self.model = model
        self.dictionary = dictionary
        features = try SphinxFeatures()
        scorer = SphinxSenoneScorer(model: model)
        variants = Self.variants(for: model)
    }

    /// A prompt word where the forced path put it, and its goodness.
    public struct Word: Sendable, Equatable {
        public var startSeconds: Double
        public var endSeconds: Double
        /// Forced minus free path score over the word's frames, per frame (nats; 0 = as good as any phones).
        public var goodness: Float
        /// The same per phone, of the word's worst phone: one phone said wrong shows here undiluted by the others
        /// (Witt & Young's goodness is per phone).
        public var phoneMinimum: Float
        /// The best error variant's path over the word's frames against the expected phones' (nats per phone;
        /// `variantLogRatio(of:...)`); nil when the word has no variant.
        public var variantLogRatio: Float?
    }

    /// Per word of `words` (16 kHz `samples`): goodness in nats per frame, or nil for every word when a word is
    /// neither in the dictionary nor given `espeak` phonemes (per word, `SpeechSynthesizer.phonemes(of:)`), or the
    /// recording is too short (or too long, `SphinxPhoneAlignment.maximumTrellisCells`) for the prompt.
    public mutating func goodness(of words: [String], in samples: [Float], espeak: [[String]]? = nil) throws(AcousticModelError) -> [Float]? {
        try align(words, in: samples, espeak: espeak)?.map(\.goodness)
    }

    /// The prompt's words forced through `samples`, each with its span and goodness; nil as for `goodness`.
    public mutating func align(_ words: [String], in samples: [Float], espeak: [[String]]? = nil) throws(AcousticModelError) -> [Word]? {
        try alignment(of: words, in: samples, espeak: espeak)?.words
    }

    /// `align`'s words and the forced minus free path score of every frame (nats), for stretches that are not words:
    /// speech the prompt does not have leaves frames the forced path explains far worse than any phones do.
    public struct Alignment: Sendable {
        public var words: [Word]
        public var frameGoodness: [Float]

        /// Mean `frameGoodness` of the frames centred in `start ..< end` seconds; nil when none is (or a bound is
        /// not a finite time).
        public func goodness(fromSeconds start: Double, toSeconds end: Double) -> Float? {
            guard start.isFinite, end.isFinite, start < end else { return nil }
            // Frame t is centred at (160 t + 205) / 16000 s.
            let hop = Double(SphinxFeatures.hopSamples)
            let first = Int(max(0, ((start * 16_000 - 205) / hop).rounded(.up)))
            let last = Int(min(Double(frameGoodness.count), ((end * 16_000 - 205) / hop).rounded(.up)))
            guard first < last else { return nil }
            return frameGoodness[first..<last].reduce(0, +) / Float(last - first)
        }
    }

    /// `align` with the frame goodness; nil as for `goodness`.
    public mutating func alignment(of words: [String], in samples: [Float], espeak: [[String]]? = nil) throws(AcousticModelError) -> Alignment? {
        guard let wordPhones = dictionary.phones(of: words, espeak: espeak),
              let (units, wordOfUnit) = Self.promptUnits(wordPhones, model: model) else { return nil }
        let extracted = try features.features(of: samples)
        let scores = scorer.score(features: extracted.values, frames: extracted.frames)
        guard let forced = SphinxPhoneAlignment.forced(units, scores: scores, frames: extracted.frames, model: model) else { return nil }
        let free = SphinxPhoneAlignment.free(scores: scores, frames: extracted.frames, model: model)
        var sums = [Float](repeating: 0, count: words.count)
        var spans = [Range<Int>?](repeating: nil, count: words.count)
        var phoneMinima = [Float](repeating: .infinity, count: words.count)
        for segment in forced.segments where wordOfUnit[segment.unit] >= 0 {
            let w = wordOfUnit[segment.unit]
            var phoneSum: Float = 0
            for t in segment.startFrame..<segment.endFrame { phoneSum += forced.frameScores[t] - free.frameScores[t] }
            sums[w] += phoneSum
            phoneMinima[w] = min(phoneMinima[w], phoneSum / Float(segment.endFrame - segment.startFrame))
            spans[w] = (spans[w]?.lowerBound ?? segment.startFrame)..<segment.endFrame
        }
        // Frame t is centred at (160 t + 205) / 16000 s; a frame stands for the 10 ms around its centre.
        func seconds(_ frame: Int) -> Double { (Double(SphinxFeatures.hopSamples * frame) + 125) / 16_000 }
        let frameGoodness = (0..<extracted.frames).map { forced.frameScores[$0] - free.frameScores[$0] }
        return Alignment(words: words.indices.map { w in
            guard let span = spans[w] else {
                return Word(startSeconds: 0, endSeconds: 0, goodness: -.infinity, phoneMinimum: -.infinity, variantLogRatio: nil)
            }
            return Word(startSeconds: seconds(span.lowerBound), endSeconds: seconds(span.upperBound),
                        goodness: sums[w] / Float(span.count), phoneMinimum: phoneMinima[w],
                        variantLogRatio: Self.variantLogRatio(of: wordPhones[w], variants: variants, frames: span,
                                                              scores: scores, model: model))
        }, frameGoodness: frameGoodness)
    }

    /// The forced sequence of a prompt whose words have these phones: optional silence before, between and after
    /// the words; with each unit's word index (-1 for a silence). nil when the model has no silence phone.
    public static func promptUnits(_ wordPhones: [[Int]], model: SphinxAcousticModel) -> (units: [SphinxPhoneAlignment.Unit], wordOfUnit: [Int])? {
        guard let silence = model.phones.firstIndex(of: "SIL") else { return nil }
        var units = [SphinxPhoneAlignment.Unit(phone: silence, optional: true)]
        var wordOfUnit = [-1]
        for (w, phones) in wordPhones.enumerated() {
            units += phones.map { SphinxPhoneAlignment.Unit(phone: $0) }
            wordOfUnit += Array(repeating: w, count: phones.count)
            units.append(SphinxPhoneAlignment.Unit(phone: silence, optional: true))
            wordOfUnit.append(-1)
        }
        return (units, wordOfUnit)
    }
}
