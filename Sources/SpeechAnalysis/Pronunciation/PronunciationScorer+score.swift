import Foundation

extension PronunciationScorer {
    /// The `pronunciation` section of the learner against the references, calibrated to 0-100.
    public func score(learner samples: [Float], learnerF0: F0Track?, references set: ReferenceSet) throws(PronunciationError) -> PronunciationSection {
        guard let calibration else { throw .calibrationMissing(searched: ["(no calibration given to PronunciationScorer)"]) }
        let comparison = try compare(learner: samples, learnerF0: learnerF0, references: set)
        return Self.section(from: comparison, calibration: calibration)
    }

    /// Applies the calibration model to raw evidence (pure: the bench and tests call it directly).
    public static func section(from comparison: PronunciationComparison, calibration: PronunciationCalibration) -> PronunciationSection {
        var scored = [(unit: PronunciationComparison.UnitEvidence, score: Double, status: PronunciationSection.Word.Status)]()
        // Expected number of word errors: sum over words of P(omitted) + (1 - P(omitted)) P(mispronounced).
        var errorProbabilitySum = 0.0
        for unit in comparison.units {
            let features = wordTerms(unit, calibration: calibration)
            let misProbability = calibration.word.probability(features)
            let wordScore = 100 * (1 - misProbability)
            let omissionProbability = comparison.hasWordTimings && !heardByHumanModel(unit, calibration: calibration)
                ? calibration.omission.probability(features) : 0
            errorProbabilitySum += omissionProbability + (1 - omissionProbability) * misProbability
            if comparison.hasWordTimings && omissionProbability > calibration.omittedAbove {
                scored.append((unit, 0, .omitted))
            } else {
                scored.append((unit, wordScore, wordScore < calibration.mispronouncedBelow ? .mispronounced : .ok))
            }
        }
        let insertions = comparison.hasWordTimings ? comparison.insertionCandidates.filter { candidate in
            if let above = calibration.insertionFillerLogRatioAbove {
                let ratio = calibration.referenceRelativeEvidence == true ? candidate.fillerLogRatioOverReferences : candidate.fillerLogRatio
                if let below = calibration.insertionHumanGoodnessBelow, let goodness = candidate.humanGoodness, goodness >= below {
                    return false
                }
                return (ratio ?? -.infinity) > above
            }
            return candidate.distanceRatio >= calibration.insertionDistanceRatio
        } : []
        if calibration.correctnessCountsInsertions == true { errorProbabilitySum += Double(insertions.count) }
        let realised = scored.filter { $0.status != .omitted }
        let accuracy = realised.isEmpty ? 0 : realised.map(\.score).reduce(0, +) / Double(realised.count)
        let completeness = scored.isEmpty ? 100 : 100 * Double(realised.count) / Double(scored.count)
        // Fluency: share of speech time (internal pauses lower it), slowness below 75 % of the model's pace,
        // and inserted words. A documented heuristic until the fluency analysis supplies calibrated measures.
        let pace = min(1, comparison.rateRatio / 0.75)
        let fluency = 100 * comparison.phonationRatio * pace * max(0, 1 - 0.1 * Double(insertions.count))
        let intonation = comparison.intonation?.score
        let rhythm = comparison.rhythm?.score ?? 0
        // Correctness: expected share of the words said correctly. Unlike `accuracy` (realised words only) and
        // `completeness` (hard decisions), it counts every word's evidence once, so it ranks readings by their
        // number of errors (model v3; docs/pronunciation.md). Model v6 counts detected inserted words as errors too.
        let correctness = comparison.hasWordTimings && !scored.isEmpty
            ? 100 * max(0, 1 - errorProbabilitySum / Double(scored.count)) : nil
        let components: [(String, Double?)] = [("correctness", correctness), ("accuracy", accuracy), ("completeness", completeness),
                                               ("fluency", fluency), ("intonation", intonation), ("rhythm", rhythm)]
        var weighted = 0.0, weightSum = 0.0
        for (name, value) in components {
            guard let value, let weight = calibration.overallWeights[name] else { continue }
            weighted += weight * value
            weightSum += weight
        }
        let overall = weightSum > 0 ? weighted / weightSum : accuracy
        var words = [PronunciationSection.Word]()
        var segments: [PronunciationSection.Segment]?
        if comparison.hasWordTimings {
            let diagnoses = calibration.word.reads("variant_llr")
            for entry in scored {
                let omitted = entry.status == .omitted
                words.append(.init(word: entry.unit.label, startSeconds: omitted ? nil : entry.unit.learnerStartSeconds,
                                   endSeconds: omitted ? nil : entry.unit.learnerEndSeconds,
                                   referenceStartSeconds: entry.unit.referenceStartSeconds,
                                   referenceEndSeconds: entry.unit.referenceEndSeconds,
                                   score: rounded(entry.score), status: entry.status))
                if diagnoses, entry.status == .mispronounced, let aligned = entry.unit.aligned,
                   let ratio = aligned.variantLogRatio, ratio > 0, let variant = aligned.bestVariant {
                    words[words.count - 1].likelyError = .init(rule: variant.rule.rawValue, expected: variant.expected, said: variant.said)
                }
            }
            for insertion in insertions {
                let index = words.firstIndex { ($0.startSeconds ?? -1) > insertion.startSeconds } ?? words.count
                words.insert(.init(word: "", startSeconds: insertion.startSeconds, endSeconds: insertion.endSeconds,
                                   referenceStartSeconds: nil, referenceEndSeconds: nil, score: 0, status: .inserted),
                             at: index)
            }
        } else {
            segments = scored.sorted { $0.score < $1.score }.prefix(3).map {
                .init(startSeconds: $0.unit.learnerStartSeconds, endSeconds: $0.unit.learnerEndSeconds,
                      referenceStartSeconds: $0.unit.referenceStartSeconds, referenceEndSeconds: $0.unit.referenceEndSeconds,
                      score: rounded($0.score))
            }.sorted { $0.startSeconds < $1.startSeconds }
        }
        var section = PronunciationSection(overall: rounded(overall), accuracy: rounded(accuracy), fluency: rounded(fluency),
                                           intonation: intonation.map(rounded), rhythm: rounded(rhythm),
                                           completeness: rounded(completeness), words: words,
                                           modelVersion: calibration.version, referenceCount: comparison.referenceCount)
        section.worstSegments = segments
        section.correctness = correctness.map(rounded)
        if calibration.posteriorTemperingFloor != nil, comparison.hasWordTimings {
            section.posteriorTemperature = (comparison.posteriorTemperature * 100).rounded() / 100
        }
        return section
    }

    /// Model v21: whether PocketSphinx's human-trained model hears the word said well enough that it cannot have been
    /// left out, whatever the omission model says (`omissionHumanGoodnessBelow`).
    static func heardByHumanModel(_ unit: PronunciationComparison.UnitEvidence, calibration: PronunciationCalibration) -> Bool {
        guard let below = calibration.omissionHumanGoodnessBelow, let goodness = unit.humanGoodness else { return false }
        return goodness >= below
    }

    /// The word's `humanGoodness`, NaN when it could not be measured (the trees route it as missing).
    public static let humanGoodnessTerm = "human_goodness"
    /// The word's `humanPhoneMinimum` and `humanVariantLogRatio` (model v17), NaN as `human_goodness` is.
    public static let humanPhoneMinimumTerm = "human_goodness_min", humanVariantTerm = "human_variant_llr"
    /// Every term that needs PocketSphinx's model.
    public static let humanModelTerms = [humanGoodnessTerm, humanPhoneMinimumTerm, humanVariantTerm]
    /// The word's `heldOmissionLogRatio`, clipped as `omission_llr` is; absent when not measured.
    public static let heldOmissionTerm = "held_omission_llr"

    /// The named terms of one word's evidence that the calibration's word and omission models read (the names of
    /// the bench's evidence files, bench/pronunciation/fit-calibration.py); a term the evidence lacks is absent.
    static func wordTerms(_ unit: PronunciationComparison.UnitEvidence, calibration: PronunciationCalibration) -> [String: Double] {
        var terms = ["mean": unit.logMeanRatio, "peak": unit.logPeakRatio, "log_duration": unit.logRelativeDuration,
                     "shortening": min(0, unit.logRelativeDuration),
                     "reference_duration": unit.referenceEndSeconds - unit.referenceStartSeconds,
                     humanGoodnessTerm: unit.humanGoodness ?? .nan, humanPhoneMinimumTerm: unit.humanPhoneMinimum ?? .nan,
                     humanVariantTerm: unit.humanVariantLogRatio ?? .nan]
        if let goodness = unit.goodness {
            terms["gop_mean"] = goodness.frameMean
            terms["gop_min"] = goodness.phoneMinimum
            terms["lpp"] = goodness.logPosteriorMean
        }
        if let aligned = unit.aligned {
            terms["aligned_gop_min"] = aligned.goodness.phoneMinimum
            terms["aligned_gop_mean"] = aligned.goodness.frameMean
            terms["aligned_lpp"] = aligned.goodness.logPosteriorMean
            terms["aligned_frames"] = Double(aligned.frameCount)
            let clip = calibration.omissionLogRatioClip ?? 5
            terms["omission_llr"] = min(clip, max(-clip, aligned.omissionLogRatio))
            if let ratio = aligned.variantLogRatio { terms["variant_llr"] = min(clip, max(-clip, ratio)) }
            if let ratio = aligned.heldOmissionLogRatio { terms[heldOmissionTerm] = min(clip, max(-clip, ratio)) }
            if calibration.referenceRelativeEvidence == true, let teachers = unit.referenceAligned {
                relativeToReferences(&terms, teachers)
            }
        }
        return terms
    }

    /// Model v8: the learner's phone evidence less whatever the references' own shows of the same
    /// symptom (an omission or variant ratio above 0, goodness below 0), so that a learner saying a word the way the
    /// model speakers say it is not blamed for espeak-ng's dictionary phones. Where the references match their
    /// phones (ratios < 0, goodness 0) nothing changes.
    static func relativeToReferences(_ features: inout [String: Double], _ teachers: ReferenceWordEvidence) {
        features["omission_llr"]? -= max(0, teachers.omissionLogRatio)
        if let ratio = teachers.variantLogRatio { features["variant_llr"]? -= max(0, ratio) }
        features["aligned_gop_mean"]? -= min(0, teachers.goodnessFrameMean)
        features["aligned_gop_min"]? -= min(0, teachers.goodnessPhoneMinimum)
        features["gop_mean"]? -= min(0, teachers.spanGoodnessFrameMean)
        features["gop_min"]? -= min(0, teachers.spanGoodnessPhoneMinimum)
    }

    private static func rounded(_ value: Double) -> Double { (min(100, max(0, value)) * 10).rounded() / 10 }
}
