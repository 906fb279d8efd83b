import SpeechDSP
import SpeechSynthesis

/// Word timings of a recording from its prompt text, by warping synthetic renditions onto it
/// (TTS-based alignment: Malfrère & Dutoit 1997, "High-quality speech synthesis for phonetic speech
/// segmentation"; Paulo & Oliveira 2004, "DTW-based phonetic alignment using multiple acoustic features").
///
/// 1. The text is synthesised by libespeak-ng in several voices (`Parameters.voices`); espeak-ng reports where
///    each word starts in its own audio, so the synthetic word boundaries are exact.
/// 2. Each rendition and the recording become the pronunciation features (speech frames only, CMVN, and the
///    learned projection when given: `PronunciationFeatureExtractor`), and DTW (`DynamicTimeWarping`) warps the
///    rendition onto the recording.
/// 3. A synthetic word's first row maps to the first recording row the path pairs with it, its last row to the
///    last; the per-voice times are combined by the median, which discards one voice that went astray.
/// 4. Word edges lying on silence move inward to the first/last frame above the recording's silence level
///    (pauses shorter than the feature extractor's cut are otherwise shared out to the neighbouring words);
///    optionally, boundaries between touching words move to the energy minimum within `snapWindowSeconds`
///    (`BoundarySnapping`).
/// A word placed by fewer than half the voices, or shorter than `minimumWordSeconds` after combination
/// (collapsed by the path), is reported unplaced, never invented.
///
/// Holds FFT plans and DTW buffers: one per worker, not thread-safe.
public final class ReferenceAligner {
    public struct Parameters: Sendable, Equatable {
        /// Synthetic speakers warped onto the recording (3 ... 5; more voices, steadier medians, more time).
        public var voices: [SynthesisVoice] = ReferenceAligner.defaultVoices
        /// Frame features and speech/pause detection shared with the pronunciation scorer; `.projectedMFCC`
        /// needs the projection model, otherwise `.normalizedMFCC` is used.
        public var pronunciation: PronunciationParameters = {
            var p = PronunciationParameters()
            p.features = .projectedMFCC
            return p
        }()
        /// DTW: Sakoe-Chiba P = 1 (slope 1/2 ... 2) keeps every synthetic word at least half its length, so
        /// a word cannot collapse onto one frame; band 10 % of the longer sequence, at least 1 s.
        public var alignment: DynamicTimeWarping.Parameters = {
            var p = DynamicTimeWarping.Parameters()
            p.bandMinimumFrames = 100
            p.bandFraction = 0.1
            p.stepPattern = .symmetricP1
            return p
        }()
        /// Digital silence around each rendition, seconds (0.2 ... 0.5), so its speech frames are found
        /// the same way as in a recording with silence at the edges.
        public var paddingSeconds = 0.3
        /// Shorter combined spans are unplaced, seconds (0.02 ... 0.05).
        public var minimumWordSeconds = 0.03
        /// A word needs a span from at least this fraction of the voices (0.5 ... 1).
        public var minimumVoteFraction = 0.5
        /// Half-width of the search for an energy minimum at boundaries between touching words,
        /// seconds (0 = off; 0.02 ... 0.05).
        public var snapWindowSeconds = 0.0
        /// Move word edges that fall on silence (a pause the DTW spread a word into) to the nearest speech frame.
        public var trimToSpeech = true
        /// Silence for that trimming: below floor + max(`trimMinimumAboveFloorDecibels`,
        /// `trimRangeFraction` * (peak - floor)), floor and peak the 10th and 97th percentiles of 10 ms frame levels.
        public var trimMinimumAboveFloorDecibels: Float = 2
        public var trimRangeFraction: Float = 0.1
        public init() {}
    }

    /// Voices of the aligner: two accents, both sexes. None of them is a test voice of bench/align nor a
    /// reference voice of bench/pronunciation, so neither bench flatters the aligner.
    public static let defaultVoices: [SynthesisVoice] = [
        SynthesisVoice(name: "en-us", variant: "m4", rateWordsPerMinute: 165),
        SynthesisVoice(name: "en-gb", variant: "f3", rateWordsPerMinute: 165),
        SynthesisVoice(name: "en-us-nyc", variant: nil, rateWordsPerMinute: 165),
    ]

    public static let sampleRateHz = 16_000
    public let parameters: Parameters
    private let extractor: PronunciationFeatureExtractor
    private let dtw: DynamicTimeWarping

    /// - Parameter projection: the learned frame projection (`PronunciationCalibration.projection`);
    ///   without it the aligner compares normalised MFCC.
    public init(parameters: Parameters = .init(), projection: FrameProjectionModel? = nil) {
        var resolved = parameters
        let learned = resolved.pronunciation.features == .projectedMFCC || resolved.pronunciation.features == .phonePosteriorgram
        if learned && projection == nil { resolved.pronunciation.features = .normalizedMFCC }
        if resolved.pronunciation.features == .phonePosteriorgram { resolved.alignment.frameDistance = .negativeLogInnerProduct }
        self.parameters = resolved
        extractor = PronunciationFeatureExtractor(sampleRateHz: Double(Self.sampleRateHz), parameters: resolved.pronunciation,
                                                  model: projection)
        dtw = DynamicTimeWarping(parameters: resolved.alignment)
    }

    /// Word timings of `samples` (16 kHz mono), which say `text`.
    /// - Parameter name: names the recording in errors.
    /// - Throws: `AlignmentError` for empty text, a silent recording, a synthesis failure, or no word placed.
    public func align(samples: [Float], text: String, name: String = "the recording") throws(AlignmentError) -> WordAlignment {
        let words = PromptWords.split(text)
        guard !words.isEmpty else { throw .emptyText() }
        guard let recording = extractor.features(of: samples) else { throw .recordingSilent(name: name) }
        var starts = [[Double]](repeating: [], count: words.count)
        var ends = [[Double]](repeating: [], count: words.count)
        for voice in parameters.voices {
            let speech: SynthesizedSpeech
            do { speech = try SpeechSynthesizer.synthesize(text, voice: voice) } catch { throw .synthesisFailed("\(voice): \(error)") }
            let pad = [Float](repeating: 0, count: Int(parameters.paddingSeconds * Double(speech.sampleRateHz)))
            let offset = Double(pad.count) / Double(speech.sampleRateHz)
            guard let synthetic = extractor.features(of: pad + speech.samples + pad),
                  let path = dtw.align(query: synthetic.features, template: recording.features) else { continue }
            // First and last recording row the path pairs with each synthetic row.
            var first = [Int32](repeating: .max, count: synthetic.features.frameCount)
            var last = [Int32](repeating: -1, count: synthetic.features.frameCount)
            for k in 0..<path.count {
                let q = Int(path.queryFrames[k]), t = path.templateFrames[k]
                first[q] = min(first[q], t)
                last[q] = max(last[q], t)
            }
            for (index, start, end) in Self.timedPromptWords(speech.words, words) {
                let rows = synthetic.rows(startSeconds: start + offset, endSeconds: end + offset)
                guard !rows.isEmpty else { continue }
                starts[index].append(recording.startSeconds(row: Int(first[rows.lowerBound])))
                ends[index].append(recording.endSeconds(row: Int(last[rows.upperBound - 1])))
            }
        }
        let needed = max(1, Int((Double(parameters.voices.count) * parameters.minimumVoteFraction).rounded(.up)))
        var spans: [(start: Double, end: Double)?] = words.indices.map { k in
            starts[k].count >= needed ? (Self.median(starts[k]), Self.median(ends[k])) : nil
        }
        // Neighbours may overlap after the medians: they meet half way.
        var previous: Int?
        for k in spans.indices {
            guard let span = spans[k] else { continue }
            if let p = previous, let before = spans[p], span.start < before.end {
                let middle = (span.start + before.end) / 2
                spans[p]!.end = middle
                spans[k]!.start = middle
            }
            previous = k
        }
        let snapping = BoundarySnapping(samples: samples, sampleRateHz: Self.sampleRateHz,
                                        silenceAboveFloorDecibels: parameters.trimMinimumAboveFloorDecibels,
                                        silenceRangeFraction: parameters.trimRangeFraction)
        if parameters.snapWindowSeconds > 0 { spans = snapping.snapped(spans, windowSeconds: parameters.snapWindowSeconds) }
        if parameters.trimToSpeech { spans = snapping.trimmedToSpeech(spans, minimumSeconds: parameters.minimumWordSeconds) }
        let result = words.enumerated().map { k, word -> WordAlignment.Word in
            guard let span = spans[k], span.end - span.start >= parameters.minimumWordSeconds else {
                return .init(word: word, startSeconds: nil, endSeconds: nil, votes: starts[k].count)
            }
            return .init(word: word, startSeconds: span.start, endSeconds: span.end, votes: starts[k].count)
        }
        guard result.contains(where: \.isPlaced) else { throw .nothingPlaced(name: name) }
        return WordAlignment(words: result, voices: parameters.voices.map(\.description))
    }

    /// Each prompt word's span in a synthetic rendition: espeak-ng's own word events, in order.
    /// espeak-ng speaks some word pairs as one dictionary entry ("on the", "of the") and reports one event for
    /// both; such a span is shared among its words in proportion to their letter counts (a stand-in for
    /// their phoneme counts). Words with no event and no preceding span are absent.
    static func timedPromptWords(_ synthesized: [SynthesizedSpeech.Word], _ words: [String]) -> [(index: Int, start: Double, end: Double)] {
        var events = [(index: Int, word: SynthesizedSpeech.Word)]()
        var next = 0
        for word in synthesized {
            var k = next
            while k < words.count && words[k] != word.word { k += 1 }
            guard k < words.count else { continue }
            events.append((k, word))
            next = k + 1
        }
        var timed = [(index: Int, start: Double, end: Double)]()
        for (e, event) in events.enumerated() {
            let groupEnd = e + 1 < events.count ? events[e + 1].index : words.count
            // Only a short run of function words is merged by espeak-ng; a longer run is not one event.
            let group = groupEnd - event.index <= 3 ? Array(event.index..<groupEnd) : [event.index]
            let letters = group.map { Double(max(1, words[$0].filter(\.isLetter).count)) }
            let total = letters.reduce(0, +)
            var start = event.word.startSeconds
            let length = event.word.endSeconds - event.word.startSeconds
            for (g, k) in group.enumerated() {
                let end = g == group.count - 1 ? event.word.endSeconds : start + length * letters[g] / total
                timed.append((k, start, end))
                start = end
            }
        }
        return timed
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
