import Foundation
import SpeechDSP
import SpeechSynthesis

/// Scores a learner against model recordings (SPEC "Pronunciation against reference audio").
///
/// 1. Features (`PronunciationFeatureExtractor`): speech frames only, MFCC + deltas + CMVN.
/// 2. DTW of the learner onto each reference (`DynamicTimeWarping`, band + penalised non-diagonal steps).
/// 3. Each reference unit (word) projected through the path: mean and peak local distance, learner span.
/// 4. Distances divided by the spread between references on that word (`ReferenceSet`), best-k over references.
/// 5. With a phone model (v2): goodness of pronunciation of each word's learner span against espeak-ng's phonemes
///    of the word (`PhoneClassifier`, `GoodnessOfPronunciation`); from v23 in the form the references say it
///    (`wordPhonesSpoken`: a citation form such as "a" /eɪ/ where the model speakers use it).
/// 6. With a phone model: the whole utterance's expected phones force-aligned onto the learner frames
///    (`UtteranceForcedAlignment`): per word, how much better the utterance is explained without it (omission;
///    from v26 with either neighbouring word optional, `+neighbours`) and the goodness of its phones on the frames
///    the alignment gives them (model v3); how much better one of the word's typical error variants explains it
///    (`PronunciationVariants`, model v5; compared with every phone >= 3 frames long, model v7); and at each gap between
///    words how much better a filler of any phones explains the frames there (inserted speech, model v6), which
///    confirms or rejects the stretches no reference has a counterpart for.
/// 7. `score` maps the evidence to 0-100 through the calibration model (Models/pronunciation).
///
/// Holds FFT plans and DTW buffers: one per worker, not thread-safe.
public final class PronunciationScorer {
    public let parameters: PronunciationParameters
    public let calibration: PronunciationCalibration?
    public static let sampleRateHz = 16_000
    private let extractor: PronunciationFeatureExtractor
    private let dtw: DynamicTimeWarping
    /// Frame phone posteriors and goodness of pronunciation per word, when the model has a phone classifier
    /// (v2): the evidence that tracks which phones were said, beside the distances that track how far.
    let phones: PhoneClassifier?
    let goodness = GoodnessOfPronunciation()
    let utteranceAlignment = UtteranceForcedAlignment()

    /// - Parameters:
    ///   - parameters: defaults from `AnalysisConfiguration`; `nil` = the calibration's feature kind over the defaults.
    ///   - calibration: the model from Models/pronunciation (needed by `score`, and by `.projectedMFCC` for its projection).
    ///   - projection: overrides the calibration's projection (the bench fits one before the calibration exists).
    ///   - phoneModel: overrides the calibration's phone model (the bench scores fit voices with models fitted without them).
    public init(parameters: PronunciationParameters? = nil, calibration: PronunciationCalibration?,
                projection: FrameProjectionModel? = nil, phoneModel: PhoneModel? = nil) {
        let parameters = parameters ?? calibration?.parameters() ?? PronunciationParameters()
        self.parameters = parameters
        self.calibration = calibration
        extractor = PronunciationFeatureExtractor(sampleRateHz: Double(Self.sampleRateHz), parameters: parameters,
                                                  model: projection ?? calibration?.projection)
        var alignment = parameters.alignment
        alignment.frameDistance = parameters.features == .phonePosteriorgram ? .negativeLogInnerProduct : .euclidean
        dtw = DynamicTimeWarping(parameters: alignment)
        // The phone model reads the CMVN MFCC + delta frames (not the projection: measured worse as its input);
        // the plain-MFCC baseline has none.
        let phoneModel = phoneModel ?? calibration?.phoneModel
        if let phoneModel, phoneModel.inputProjectionFile == nil, parameters.features != .plainMFCC,
           phoneModel.frameDimension == 3 * parameters.mfcc.coefficientCount {
            phones = PhoneClassifier(model: phoneModel)
        } else {
            phones = nil
        }
    }

    // MARK: references

    /// Features, units and reference-to-reference spread of an exercise's model recordings.
    /// All references with word timings must list the same words (case-insensitive).
    public func prepare(_ recordings: [ReferenceRecording]) throws(PronunciationError) -> ReferenceSet {
        precondition(!recordings.isEmpty, "prepare needs at least one reference")
        var prepared = [PreparedReference]()
        for recording in recordings {
            precondition(recording.sampleRateHz == Self.sampleRateHz, "reference at \(recording.sampleRateHz) Hz; decode to 16 kHz")
            guard let utterance = extractor.features(of: recording.samples, keepNormalized: phones != nil && recording.words != nil)
            else { throw .referenceSilent(name: recording.name) }
            prepared.append(PreparedReference(name: recording.name, utterance: utterance, words: recording.words,
                                              units: units(of: utterance, words: recording.words), f0: recording.f0))
        }
        let timed = prepared.filter(\.hasWordTimings)
        if !timed.isEmpty {
            guard timed.count == prepared.count else {
                throw .referencesDisagree(detail: "some references have word timings and some do not; give every reference a NAME.words.json or none")
            }
            let first = timed[0].units.map { $0.label.lowercased() }
            for other in timed.dropFirst() where other.units.map({ $0.label.lowercased() }) != first {
                throw .referencesDisagree(detail: "reference \(other.name) has words \(other.units.map(\.label)) but \(timed[0].name) has \(timed[0].units.map(\.label)); all references must say the same words")
            }
        }
        var set = ReferenceSet(references: prepared, spread: [], utteranceSpread: [])
        if let phones, let words = timed.first?.words {
            let posteriors = prepared.map { reference in
                reference.utterance.normalizedFeatures.map { PhonePosteriors(phones.logPosteriors(of: $0)) }
            }
            set.wordPhones = parameters.wordPhonesFromReferences
                ? wordPhonesSpoken(by: prepared, posteriors: posteriors, words: words.map(\.word), model: phones.model)
                : Self.expectedPhones(words.map(\.word), model: phones.model)
            let rules = PronunciationVariants(classLabels: phones.model.classLabels)
            set.wordVariants = set.wordPhones?.map { rules.variants(of: $0) }
            if let evidence = referencePhoneEvidence(prepared, posteriors: posteriors, wordPhones: set.wordPhones,
                                                     wordVariants: set.wordVariants) {
                set.referenceWordEvidence = evidence.words
                set.referenceGapLogRatios = evidence.gapLogRatios
            }
        }
        for r in prepared.indices { prepared[r].utterance.normalizedFeatures = nil }
        set.references = prepared
        guard prepared.count >= 2 else { return set }
        for (r, template) in prepared.enumerated() {
            var sums = [(Double, Double)](repeating: (0, 0), count: template.units.count)
            var others = 0
            let rows = template.utterance.features.frameCount
            var rowSum = [Double](repeating: 0, count: rows)
            var paths = [AlignmentPath]()
            for (s, query) in prepared.enumerated() where s != r {
                guard let path = dtw.align(query: query.utterance.features, template: template.utterance.features) else { continue }
                paths.append(path)
                for (j, value) in PathWordStatistics.rowDistances(path: path, referenceRowCount: rows).enumerated() { rowSum[j] += value }
            }
            set.rowSpread.append(Self.smoothedSpread(rowSum.map { $0 / Double(max(1, paths.count)) },
                                                     halfWidth: parameters.rowSpreadSmoothingFrames))
            for (s, query) in prepared.enumerated() where s != r {
                let path = paths[s < r ? s : s - 1]
                let matches = PathWordStatistics.matches(path: path, units: template.units,
                                                         learnerRowCount: query.utterance.features.frameCount,
                                                         referenceRowCount: template.utterance.features.frameCount,
                                                         peakWindowFrames: parameters.peakWindowFrames,
                                                         rowSpread: parameters.normalizeByRowSpread ? set.rowSpread[r] : nil)
                for (u, match) in matches.enumerated() { sums[u].0 += match.meanDistance; sums[u].1 += match.peakDistance }
                others += 1
            }
            let n = Double(max(1, others))
            let perUnit = sums.map { PronunciationCalibration.Spread(mean: $0.0 / n, peak: $0.1 / n) }
            let wide = PronunciationCalibration.Spread(mean: perUnit.map(\.mean).reduce(0, +) / Double(max(1, perUnit.count)),
                                                       peak: perUnit.map(\.peak).reduce(0, +) / Double(max(1, perUnit.count)))
            let k = parameters.spreadShrinkage
            set.spread.append(perUnit.map { unit in
                .init(mean: (n * unit.mean + k * wide.mean) / (n + k), peak: (n * unit.peak + k * wide.peak) / (n + k))
            })
            set.utteranceSpread.append(wide)
        }
        return set
    }

    /// Class indices of espeak-ng's (en-us) phonemes of each word; phonemes the model has no class for are left
    /// out. `nil` when espeak-ng cannot transcribe (then the words are scored by distances only).
    static func expectedPhones(_ words: [String], model: PhoneModel) -> [[Int]]? {
        guard let transcription = try? SpeechSynthesizer.phonemes(of: words), transcription.count == words.count else { return nil }
        let index = model.classIndex
        return transcription.map { $0.compactMap { index[$0] } }
    }

    /// Moving average over +-halfWidth rows, floored at a quarter of the mean (no division by ~0).
    static func smoothedSpread(_ values: [Double], halfWidth: Int) -> [Double] {
        guard !values.isEmpty else { return values }
        let floor = 0.25 * values.reduce(0, +) / Double(values.count)
        return values.indices.map { j in
            let window = values[max(0, j - halfWidth)...min(values.count - 1, j + halfWidth)]
            return max(floor, window.reduce(0, +) / Double(window.count))
        }
    }

    private func units(of utterance: UtteranceFeatures, words: [ReferenceWord]?) -> [ReferenceUnit] {
        if let words {
            return words.map { word in
                ReferenceUnit(label: word.word, rows: utterance.rows(startSeconds: word.startSeconds, endSeconds: word.endSeconds),
                              startSeconds: word.startSeconds, endSeconds: word.endSeconds)
            }
        }
        let rowsPerUnit = max(1, Int((parameters.pseudoWordSeconds / utterance.hopSeconds).rounded()))
        let total = utterance.features.frameCount
        return stride(from: 0, to: total, by: rowsPerUnit).map { start in
            let end = min(total, start + rowsPerUnit)
            return ReferenceUnit(label: "", rows: start..<end, startSeconds: utterance.startSeconds(row: start),
                                 endSeconds: utterance.endSeconds(row: end - 1))
        }
    }

    // MARK: comparison

    /// Aligns the learner to every reference and gathers the raw evidence.
    public func compare(learner samples: [Float], learnerF0: F0Track?, references set: ReferenceSet) throws(PronunciationError) -> PronunciationComparison {
        guard let learner = extractor.features(of: samples, keepNormalized: phones != nil && set.wordPhones != nil) else { throw .learnerSilent() }
        let n = learner.features.frameCount
        let referenceCount = set.count
        let words = set.hasWordTimings
        var perReference = [[UnitMatch]]()
        var paths = [AlignmentPath]()
        for reference in set.references {
            guard let path = dtw.align(query: learner.features, template: reference.utterance.features) else { throw .learnerSilent() }
            paths.append(path)
            perReference.append(PathWordStatistics.matches(path: path, units: reference.units, learnerRowCount: n,
                                                           referenceRowCount: reference.utterance.features.frameCount,
                                                           peakWindowFrames: parameters.peakWindowFrames,
                                                           rowSpread: set.rowSpread.isEmpty || !parameters.normalizeByRowSpread ? nil : set.rowSpread[perReference.count]))
        }
        func spread(_ r: Int, _ u: Int) -> PronunciationCalibration.Spread {
            if set.count >= 2 { return words ? set.spread[r][u] : set.utteranceSpread[r] }
            return calibration?.singleReferenceSpread ?? .init(mean: 1, peak: 1)
        }
        let posteriors = words ? learner.normalizedFeatures.flatMap { phones?.logPosteriors(of: $0) }.map(PhonePosteriors.init) : nil
        let best = max(1, Int((Double(referenceCount) * parameters.bestReferenceFraction).rounded(.up)))
        let primary = set.references[0]
        var units = [PronunciationComparison.UnitEvidence]()
        var spans = [Range<Int>]()
        // Word mode: units correspond across references. Pseudo-word mode: units of the primary reference only.
        let scoredReferences = words ? Array(0..<referenceCount) : [0]
        for u in primary.units.indices {
            var ratios = [(mean: Double, peak: Double, r: Int)]()
            var durations = [Double]()
            for r in scoredReferences {
                let match = perReference[r][u]
                let s = spread(r, u)
                ratios.append((log(max(1e-6, match.meanDistance) / max(1e-6, s.mean)),
                               log(max(1e-6, match.peakDistance) / max(1e-6, s.peak)), r))
                durations.append(log(max(0.02, match.relativeDuration)))
            }
            ratios.sort { $0.mean < $1.mean }
            let top = ratios.prefix(best)
            let bestR = top.first!.r
            let match = perReference[bestR][u]
            let reference = set.references[bestR]
            durations.sort()
            units.append(.init(label: primary.units[u].label,
                               logMeanRatio: top.map(\.mean).reduce(0, +) / Double(top.count),
                               logPeakRatio: top.map(\.peak).reduce(0, +) / Double(top.count),
                               logRelativeDuration: durations[durations.count / 2],
                               learnerStartSeconds: learner.startSeconds(row: match.learnerRows.lowerBound),
                               learnerEndSeconds: learner.endSeconds(row: match.learnerRows.upperBound),
                               referenceStartSeconds: reference.units[u].startSeconds,
                               referenceEndSeconds: reference.units[u].endSeconds, bestReference: bestR))
            // The learner span the closest reference gives the word (the reported times): where its goodness is measured.
            spans.append(match.learnerRows.lowerBound..<(match.learnerRows.upperBound + 1))
        }
        var gaps = [PronunciationComparison.InsertionGap]()
        /// Goodness on each word's span, the utterance forced alignment and the insertion gaps, all from `posteriors`.
        func measurePhones(_ posteriors: PhonePosteriors) -> [UtteranceForcedAlignment.Word?]? {
            guard let wordPhones = set.wordPhones else { return nil }
            for u in units.indices where u < wordPhones.count {
                units[u].goodness = goodness.evaluate(logPosteriors: posteriors, rows: spans[u], phones: wordPhones[u])
            }
            guard wordPhones.count == units.count, let phoneModel = phones?.model, let silence = phoneModel.classIndex["_"],
                  let aligned = utteranceAlignment.align(logPosteriors: posteriors, logPriors: phoneModel.logPriors,
                                                         wordPhones: wordPhones, silenceClass: silence, wordVariants: set.wordVariants,
                                                         variantMinimumPhoneFrames: parameters.variantMinimumPhoneFrames,
                                                         omissionMinimumPhoneFrames: parameters.omissionMinimumPhoneFrames,
                                                         neighbourSkipPenalty: parameters.omissionNeighbourSkipPenalty)
            else { return nil }
            for k in units.indices {
                units[k].aligned = aligned[k]
                units[k].referenceAligned = set.referenceWordEvidence?[k]
            }
            gaps = utteranceAlignment.insertionGaps(minimumFrames: parameters.insertionFillerMinimumFrames,
                                                   frameCost: parameters.insertionFillerFrameCost).map {
                .init(startSeconds: learner.startSeconds(row: $0.rows.lowerBound), endSeconds: learner.endSeconds(row: $0.rows.upperBound - 1),
                      logRatio: $0.insertionLogRatio, referenceLogRatio: set.referenceGapLogRatios?[$0.afterWord ?? -1])
            }
            return aligned
        }
        // PocketSphinx's human-trained model runs at most once per reading, for the tempering gate (v13) and the
        // word terms (v14, v17, v18) and inserted-word candidates.
        var humanWords: SphinxWordGoodness.Alignment?? = nil
        func humanModelWords() -> SphinxWordGoodness.Alignment? {
            if let measured = humanWords { return measured }
            let labels = phones?.model.classLabels
            let espeak = set.wordPhones.flatMap { word in labels.map { labels in word.map { $0.map { labels[$0] } } } }
            let measured = words ? Self.humanModelWords(units.map(\.label), espeak: espeak, in: samples) : nil
            humanWords = .some(measured)
            return measured
        }
        var posteriorTemperature = 1.0
        var humanModelGoodness: Double?
        if let posteriors, let aligned = measurePhones(posteriors), let temperature = temperingTemperature(aligned),
           humanModelHearsTheWords(humanModelWords, goodness: &humanModelGoodness) {
            posteriorTemperature = temperature
            _ = measurePhones(posteriors.tempered(by: Float(temperature)))
        }
        if parameters.measuresHumanModelGoodness, let measured = humanModelWords()?.words, measured.count == units.count {
            for (k, word) in measured.enumerated() where word.goodness.isFinite {
                units[k].humanGoodness = Double(word.goodness)
                units[k].humanPhoneMinimum = Double(word.phoneMinimum)
                units[k].humanVariantLogRatio = word.variantLogRatio.map(Double.init)
            }
        }
        if parameters.centreOnUtteranceMedian && units.count >= 3 {
            // Most words of a reading are fine: the median word ratio measures this speaker's and channel's
            // general distance from the models, which is not a pronunciation error.
            let meanMedian = Self.median(units.map(\.logMeanRatio)), peakMedian = Self.median(units.map(\.logPeakRatio))
            for k in units.indices {
                units[k].logMeanRatio -= meanMedian
                units[k].logPeakRatio -= peakMedian
            }
        }
        var insertions = insertionCandidates(paths: paths, learner: learner)
        for k in insertions.indices {
            // A stretch no reference has a counterpart for, confirmed (or not) by the expected phones' failure to explain it.
            let overlapping = gaps.filter { $0.startSeconds < insertions[k].endSeconds && insertions[k].startSeconds < $0.endSeconds }
            insertions[k].fillerLogRatio = overlapping.map(\.logRatio).max()
            insertions[k].fillerLogRatioOverReferences = overlapping.map { $0.logRatio - max(0, $0.referenceLogRatio ?? 0) }.max()
            if parameters.measuresHumanModelGoodness, let alignment = humanModelWords() {
                insertions[k].humanGoodness = alignment.goodness(fromSeconds: insertions[k].startSeconds,
                                                                 toSeconds: insertions[k].endSeconds).map(Double.init)
            }
        }
        var intonations = [IntonationComparison.Result]()
        if let learnerF0 {
            for (r, reference) in set.references.enumerated() {
                guard let f0 = reference.f0,
                      let result = IntonationComparison.compare(path: paths[r], learner: learner, learnerF0: learnerF0,
                                                                reference: reference.utterance, referenceF0: f0,
                                                                frameCentreSeconds: parameters.mfcc.frameSeconds / 2) else { continue }
                intonations.append(result)
            }
        }
        var rhythms = [RhythmComparison.Result]()
        for r in scoredReferences {
            let reference = set.references[r]
            let learnerSeconds = perReference[r].map { Double($0.learnerRows.count) * learner.hopSeconds * ($0.relativeDuration > 0 ? 1 : 0) }
            let referenceSeconds = reference.units.map { Double($0.rows.count) * reference.utterance.hopSeconds }
            if let result = RhythmComparison.compare(learnerSeconds: learnerSeconds, referenceSeconds: referenceSeconds) {
                rhythms.append(result)
            }
        }
        let span = learner.keptFrames.last! - learner.keptFrames.first! + 1
        let referenceFrames = set.references.map { Double($0.utterance.features.frameCount) }.reduce(0, +) / Double(referenceCount)
        return PronunciationComparison(
            units: units, hasWordTimings: words, insertionCandidates: insertions, insertionGaps: gaps,
            intonation: Self.mean(intonations) { $0 } ,
            rhythm: Self.mean(rhythms) { $0 },
            phonationRatio: Double(n) / Double(span), rateRatio: referenceFrames / Double(n), referenceCount: referenceCount,
            posteriorTemperature: posteriorTemperature, humanModelGoodness: humanModelGoodness)
    }

    /// Learner stretches that advance every reference by almost nothing, found in at least half the paths.
    private func insertionCandidates(paths: [AlignmentPath], learner: UtteranceFeatures) -> [PronunciationComparison.InsertionCandidate] {
        let n = learner.features.frameCount
        let minRows = max(2, Int((parameters.insertionMinSeconds / learner.hopSeconds).rounded()))
        var votes = [Int](repeating: 0, count: n)
        var ratioSum = [Double](repeating: 0, count: n)
        for path in paths {
            var firstTemplate = [Int](repeating: -1, count: n)
            var rowSum = [Double](repeating: 0, count: n), rowCount = [Int](repeating: 0, count: n)
            var total = 0.0
            for k in 0..<path.count {
                let i = Int(path.queryFrames[k])
                if firstTemplate[i] < 0 { firstTemplate[i] = Int(path.templateFrames[k]) }
                rowSum[i] += Double(path.localDistances[k]); rowCount[i] += 1
                total += Double(path.localDistances[k])
            }
            let utteranceMean = max(1e-6, total / Double(max(1, path.count)))
            var flagged = [Bool](repeating: false, count: n)
            var start = 0
            for end in 0..<n where firstTemplate[end] >= 0 {
                while firstTemplate[start] < 0 || firstTemplate[end] - firstTemplate[start] > parameters.insertionMaxReferenceFrames { start += 1 }
                if end - start + 1 >= minRows { for i in start...end { flagged[i] = true } }
            }
            for i in 0..<n {
                if flagged[i] { votes[i] += 1 }
                if rowCount[i] > 0 { ratioSum[i] += rowSum[i] / Double(rowCount[i]) / utteranceMean }
            }
        }
        let needed = (paths.count + 1) / 2
        var candidates = [PronunciationComparison.InsertionCandidate]()
        var i = 0
        while i < n {
            guard votes[i] >= needed else { i += 1; continue }
            var end = i
            while end + 1 < n && votes[end + 1] >= needed { end += 1 }
            if end - i + 1 >= minRows {
                let ratio = (i...end).map { ratioSum[$0] }.reduce(0, +) / Double(end - i + 1) / Double(paths.count)
                candidates.append(.init(startSeconds: learner.startSeconds(row: i), endSeconds: learner.endSeconds(row: end),
                                        distanceRatio: ratio))
            }
            i = end + 1
        }
        return candidates
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private static func mean(_ results: [IntonationComparison.Result], _ id: (IntonationComparison.Result) -> IntonationComparison.Result) -> IntonationComparison.Result? {
        guard !results.isEmpty else { return nil }
        let n = Double(results.count)
        return .init(correlation: results.map(\.correlation).reduce(0, +) / n,
                     rmseSemitones: results.map(\.rmseSemitones).reduce(0, +) / n,
                     pairedFrames: results.map(\.pairedFrames).reduce(0, +) / results.count)
    }

    private static func mean(_ results: [RhythmComparison.Result], _ id: (RhythmComparison.Result) -> RhythmComparison.Result) -> RhythmComparison.Result? {
        guard !results.isEmpty else { return nil }
        let n = Double(results.count)
        return .init(logDurationCorrelation: results.map(\.logDurationCorrelation).reduce(0, +) / n,
                     learnerNPVI: results.map(\.learnerNPVI).reduce(0, +) / n,
                     referenceNPVI: results.map(\.referenceNPVI).reduce(0, +) / n)
    }
}
