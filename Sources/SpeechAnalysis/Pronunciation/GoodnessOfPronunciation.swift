import SpeechDSP

/// Goodness of pronunciation of one word: how well the learner frames of the word match the phones it should
/// have (Witt & Young 2000, "Phone-level pronunciation scoring and assessment for interactive language
/// learning", Speech Communication 30; in the posterior form of Hu, Qian, Soong & Wang 2015).
///
/// The expected phones are force-aligned onto the frames by Viterbi over the frame log posteriors (each phone
/// at least one frame, in order). For phone `k` on frames `F_k`: `gop_k = mean over F_k of log p(expected) -
/// max_c log p(c)`, 0 when the expected phone is also the most likely one, strongly negative when another phone
/// explains the frames (a substitution) or when the phone is missing and had to take frames of its neighbours
/// (a deletion). Why force-align rather than compare to the reference's frames: the phones are known from the
/// text, and a frame classifier separates phones across voices better than any frame distance measured here
/// (docs/pronunciation.md).
///
/// Keeps its Viterbi tables between calls (grown to the largest word seen); not thread-safe.
public final class GoodnessOfPronunciation {
    public struct Result: Sendable, Equatable {
        /// Mean over the word's frames of log p(aligned phone) - max_c log p(c); <= 0.
        public var frameMean: Double
        /// Lowest per-phone GOP (the worst phone); <= 0.
        public var phoneMinimum: Double
        /// Mean over phones of the mean log posterior of the phone on its frames (log posterior probability).
        public var logPosteriorMean: Double
    }

    private var scores = [Float](), backtrack = [Bool](), segment = [Int](), frames = [Int]()

    public init(capacityFrames: Int = 200, capacityPhones: Int = 16) {
        scores.reserveCapacity(capacityFrames * capacityPhones)
        backtrack.reserveCapacity(capacityFrames * capacityPhones)
        segment.reserveCapacity(capacityFrames)
        frames.reserveCapacity(capacityFrames)
    }

    /// - Parameters:
    ///   - logPosteriors: frame log posteriors (`PhoneClassifier`), one row per kept frame, with each frame's maximum.
    ///   - rows: the word's rows (learner span from the alignment); fewer rows than phones are stretched so each phone gets one.
    ///   - phones: expected class indices, in order.
    /// - Returns: `nil` when `phones` or `rows` is empty.
    public func evaluate(logPosteriors posteriors: PhonePosteriors, rows: Range<Int>, phones: [Int]) -> Result? {
        let logPosteriors = posteriors.logPosteriors
        guard !phones.isEmpty, !rows.isEmpty, rows.upperBound <= logPosteriors.frameCount else { return nil }
        let k = phones.count, c = logPosteriors.dimension
        frames.removeAll(keepingCapacity: true)
        if rows.count >= k {
            frames.append(contentsOf: rows)
        } else {
            for j in 0..<k { frames.append(rows.lowerBound + Int((Double(j) * Double(rows.count - 1) / Double(k - 1)).rounded())) }
        }
        let t = frames.count
        scores.removeAll(keepingCapacity: true); scores.append(contentsOf: repeatElement(-Float.infinity, count: t * k))
        backtrack.removeAll(keepingCapacity: true); backtrack.append(contentsOf: repeatElement(false, count: t * k))
        return logPosteriors.values.withUnsafeBufferPointer { lp -> Result in
            func value(_ i: Int, _ p: Int) -> Float { lp[frames[i] * c + phones[p]] }
            scores[0] = value(0, 0)
            for i in 1..<max(1, t) {
                for p in 0..<min(k, i + 1) {
                    let stay = scores[(i - 1) * k + p]
                    let move = p > 0 ? scores[(i - 1) * k + p - 1] : -Float.infinity
                    backtrack[i * k + p] = move > stay
                    scores[i * k + p] = max(stay, move) + value(i, p)
                }
            }
            segment.removeAll(keepingCapacity: true); segment.append(contentsOf: repeatElement(0, count: t))
            var p = k - 1
            for i in stride(from: t - 1, through: 0, by: -1) {
                segment[i] = p
                if i > 0 && backtrack[i * k + p] { p -= 1 }
            }
            var sum = PhoneGoodnessSum()
            for i in 0..<t {
                if i > 0 && segment[i] != segment[i - 1] { sum.endPhone() }
                sum.add(own: value(i, segment[i]), frameMaximum: posteriors.frameMaxima[frames[i]])
            }
            sum.endPhone()
            return sum.result(phoneCount: k)
        }
    }
}
