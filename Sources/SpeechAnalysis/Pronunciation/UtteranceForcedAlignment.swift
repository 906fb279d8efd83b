import SpeechDSP

/// Forced alignment of the whole utterance's expected phones onto the learner frames, and per word the evidence
/// that the word was said at all (model v3).
///
/// The states are the expected phones of all words in order, with an optional silence state before, between and
/// after the words (the frame classifier's pause class `_`; a pause may take zero frames). Frame scores are
/// scaled likelihoods `log p(phone | frame) - log p(phone)` (the hybrid recogniser's emission score, Bourlard &
/// Morgan 1994). One Viterbi pass forward and one backward (each phone >= 1 frame, in order) give, for every word
/// at once:
/// - `omissionLogRatio`: best score of the utterance with the word skipped (its neighbours and pauses take its
///   frames) minus the best score with it, per expected phone of the word (nats). A word that was not said makes
///   the skipped path better (> 0); a word that was said makes it much worse. Unlike the DTW span's relative
///   duration, this does not depend on where the alignment to a reference put the word: an omitted word whose
///   span DTW filled with its neighbours' frames is still found. (Keyword-spotting form of the likelihood ratio
///   with a filler path: Rose & Paul 1990; word deletion by forced alignment with optional skips in CAPT:
///   Harrison, Lo, Qian & Meng 2009.)
/// - `goodness`: goodness of pronunciation (Witt & Young 2000, posterior form of Hu et al. 2015) of the word's
///   phones on the frames the utterance alignment gives them, rather than on the span one reference's DTW gave
///   the word: phone boundaries come from the phones' own evidence and the neighbours' phones.
///
/// Cost: O(frames x states) for the two passes, plus O(frames) per word; a 30 s reading (3,000 frames, about
/// 400 states) is about 2 x 1.2 M max-plus operations, small beside the phone classifier itself.
/// The same tables then serve two more questions, each one more Viterbi pass over a window between a forward and a
/// backward entry (`+paths`): the word said as each of its error variants (`+variants`, model v5) and extra speech
/// at each gap between words (`+insertions`, model v6).
/// Keeps its tables between calls (grown to the largest utterance seen); not thread-safe.
public final class UtteranceForcedAlignment {
    public struct Word: Sendable, Equatable {
        /// (best score with the word skipped - best score with it) / number of its phones, nats; > 0 = better without.
        /// With `align`'s `neighbourSkipPenalty`, both paths may also leave out a neighbouring word (`+neighbours`).
        public var omissionLogRatio: Double
        /// Goodness of the word's phones on their aligned frames.
        public var goodness: GoodnessOfPronunciation.Result
        /// Frames the alignment gives the word's phones.
        public var frameCount: Int
        /// (best score with the word said as its best-scoring error variant - best score with it as expected) / number
        /// of its expected phones, nats; > 0 = an error variant explains the frames better. `nil` without variants.
        public var variantLogRatio: Double? = nil
        /// That best variant (its rule and the phone it changes): the likely error.
        public var bestVariant: PronunciationVariants.Variant? = nil
        /// `omissionLogRatio` with every phone of the word held for at least `omissionMinimumPhoneFrames` frames
        /// (`+omission`); `nil` when not asked for or when the word's window cannot hold that many frames.
        public var heldOmissionLogRatio: Double? = nil
    }

    var states = [Int]()
    var skippable = [Bool]()
    var forward = [Float](), backward = [Float]()
    var step = [UInt8](), segment = [Int]()
    var pathEntry = [Float](), pathExit = [Float](), pathRow = [Float](), pathStart = [Int]()
    /// Of the last `align` call: each word's first...last state and its aligned frames (`nil`: no phones), the
    /// frame and state counts, the best total score, and the frame scores (for `insertionGaps`).
    var wordStates = [ClosedRange<Int>?](), wordRows = [Range<Int>?]()
    var frameCount = 0, stateCount = 0, total: Float = 0
    var aligned: (posteriors: PhonePosteriors, logPriors: [Float]?, silenceClass: Int)? = nil
    static let impossible: Float = -1e30
    /// How far (frames) a variant may move the word's boundaries beyond the expected phones' aligned frames.
    static let variantWindowFrames = 30

    public init() {}

    /// - Parameters:
    ///   - logPosteriors: frame log posteriors (`PhoneClassifier`), one row per kept learner frame, with each frame's maximum.
    ///   - logPriors: the classifier's log class priors (`PhoneModel.logPriors`); `nil` = posteriors as scores.
    ///   - wordPhones: expected class indices of each word, in order (a word without phones gets `nil`).
    ///   - silenceClass: index of the pause class.
    ///   - wordVariants: per word, its error variants (`PronunciationVariants`); `nil` = no variant evidence.
    ///   - variantMinimumPhoneFrames: in the comparison of a word's variants with its expected phones, each phone
    ///     of either takes at least this many frames (1 ... 5).
    ///   - omissionMinimumPhoneFrames: when >= 2, each word's `heldOmissionLogRatio` with its phones held this
    ///     long (2 ... 5); 0 or 1 = not measured.
    ///   - neighbourSkipPenalty: when set, `omissionLogRatio` is measured with either neighbouring word optional,
    ///     leaving it out costing this many nats (1 ... 50; model v26: `PronunciationParameters.omissionNeighbourSkipPenalty`);
    ///     `nil` = every other word held present (models up to v23).
    /// - Returns: one entry per word (`nil` for words without phones), or `nil` when the utterance has fewer
    ///   frames than expected phones.
    public func align(logPosteriors posteriors: PhonePosteriors, logPriors: [Float]?, wordPhones: [[Int]], silenceClass: Int,
                      wordVariants: [[PronunciationVariants.Variant]]? = nil, variantMinimumPhoneFrames: Int = 1,
                      omissionMinimumPhoneFrames: Int = 0, neighbourSkipPenalty: Float? = nil) -> [Word?]? {
        let logPosteriors = posteriors.logPosteriors
        let c = logPosteriors.dimension, t = logPosteriors.frameCount
        states.removeAll(keepingCapacity: true); skippable.removeAll(keepingCapacity: true)
        var firstState = [Int](repeating: -1, count: wordPhones.count), lastState = firstState
        states.append(silenceClass); skippable.append(true)
        for (w, phones) in wordPhones.enumerated() where !phones.isEmpty {
            firstState[w] = states.count
            for p in phones { states.append(p); skippable.append(false) }
            lastState[w] = states.count - 1
            states.append(silenceClass); skippable.append(true)
        }
        let k = states.count
        let required = skippable.filter { !$0 }.count
        wordStates = wordPhones.indices.map { firstState[$0] >= 0 ? firstState[$0]...lastState[$0] : nil }
        wordRows = [Range<Int>?](repeating: nil, count: wordPhones.count)
        frameCount = t; stateCount = k; aligned = nil
        guard required > 0, t >= required else { return nil }
        aligned = (posteriors, logPriors, silenceClass)
        let cells = t * k
        forward.removeAll(keepingCapacity: true); forward.append(contentsOf: repeatElement(Self.impossible, count: cells))
        backward.removeAll(keepingCapacity: true); backward.append(contentsOf: repeatElement(Self.impossible, count: cells))
        step.removeAll(keepingCapacity: true); step.append(contentsOf: repeatElement(0, count: cells))
        viterbiPasses(logPosteriors: logPosteriors.values, classCount: c, logPriors: logPriors)
        let skippedScores = skippedScores(firstState: firstState, lastState: lastState)
        return logPosteriors.values.withUnsafeBufferPointer { lp -> [Word?] in
            let lastRow = (t - 1) * k
            let total = max(forward[lastRow + k - 1], forward[lastRow + k - 2])
            self.total = total
            let neighbourRatios = neighbourSkipPenalty.map {
                neighbourOptionalOmissionRatios(firstState: firstState, lastState: lastState, skipped: skippedScores, penalty: $0)
            }
            // Segmentation by backtracking.
            segment.removeAll(keepingCapacity: true); segment.append(contentsOf: repeatElement(0, count: t))
            var s = forward[lastRow + k - 1] >= forward[lastRow + k - 2] ? k - 1 : k - 2
            for i in stride(from: t - 1, through: 0, by: -1) {
                segment[i] = s
                s -= Int(step[i * k + s])
            }
            var results = [Word?](repeating: nil, count: wordPhones.count)
            for w in wordPhones.indices where firstState[w] >= 0 {
                let first = firstState[w], last = lastState[w]
                let skipped = skippedScores[w]
                let phoneCount = last - first + 1
                var sum = PhoneGoodnessSum()
                // The word's frames are contiguous in the segmentation: from the first frame of its first phone.
                var i = 0
                while i < t && segment[i] < first { i += 1 }
                let wordStart = i
                for state in first...last {
                    while i < t && segment[i] == state {
                        sum.add(own: lp[i * c + states[state]], frameMaximum: posteriors.frameMaxima[i])
                        i += 1
                    }
                    sum.endPhone()
                }
                var ratio = skipped > Self.impossible ? Double(skipped - total) / Double(phoneCount) : -Double(Float.greatestFiniteMagnitude)
                if let neighbourRatios { ratio = neighbourRatios[w] ?? ratio }
                results[w] = Word(omissionLogRatio: ratio, goodness: sum.result(phoneCount: phoneCount), frameCount: sum.frames)
                wordRows[w] = wordStart..<i
                if let variants = wordVariants?[w], !variants.isEmpty,
                   let (ratio, variant) = variantEvidence(word: w, variants: variants, logPosteriors: lp, classCount: c, logPriors: logPriors,
                                                         minimumPhoneFrames: variantMinimumPhoneFrames) {
                    results[w]!.variantLogRatio = ratio
                    results[w]!.bestVariant = variant
                }
                if omissionMinimumPhoneFrames >= 2, skipped > Self.impossible {
                    results[w]!.heldOmissionLogRatio = heldOmissionEvidence(word: w, skippedScore: skipped, logPosteriors: lp,
                                                                            classCount: c, logPriors: logPriors,
                                                                            minimumPhoneFrames: omissionMinimumPhoneFrames)
                }
            }
            return results
        }
    }
}
