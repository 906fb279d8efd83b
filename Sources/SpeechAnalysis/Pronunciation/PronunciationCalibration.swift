import Foundation

/// The versioned model that maps raw DTW distances to 0-100 scores (Models/pronunciation/vN.json), fitted by
/// bench/pronunciation/fit-calibration.py; its provenance is in Models/pronunciation/PROVENANCE.md.
public struct PronunciationCalibration: Codable, Sendable, Equatable {
    /// A logistic model `P = 1 / (1 + exp(-(intercept + sum weight_k * x_k)))`.
    public struct Logistic: Codable, Sendable, Equatable {
        public var intercept: Double
        public var weights: [String: Double]

        public func probability(_ features: [String: Double]) -> Double {
            var z = intercept
            for (name, weight) in weights { z += weight * (features[name] ?? 0) }
            return 1 / (1 + exp(-z))
        }
    }

    public struct Spread: Codable, Sendable, Equatable {
        public var mean: Double
        public var peak: Double
    }

    public var version: String
    /// Feature kind the model was fitted on (`PronunciationParameters.FeatureKind` raw value).
    public var features: String
    /// P(mispronounced) of a realised word from `mean` and `peak` (log distance ratios to the reference spread,
    /// centred on the utterance median), `log_duration` and `shortening` (= min(0, log_duration)), and with a
    /// phone model the goodness of pronunciation `gop_mean`, `gop_min`, `lpp` (`GoodnessOfPronunciation`), and in v3
    /// `aligned_gop_min`, `aligned_gop_mean` (goodness on the whole-utterance forced alignment).
    /// It may be gradient-boosted trees instead, over those terms and the human-trained model's (`human_goodness`,
    /// `human_goodness_min`, `human_variant_llr`): models v17 and v18, measured and not shipped.
    public var word: WordProbabilityModel
    /// P(omitted): a logistic of `log_duration` (log relative duration) and `mean`, from v3 also `omission_llr` (the
    /// clipped omission log ratio of `UtteranceForcedAlignment`); from v10 gradient-boosted trees over every word
    /// term (the word logistic's, `lpp`, `aligned_lpp` and `aligned_frames`; v11 also `reference_duration`).
    public var omission: WordProbabilityModel
    /// A word whose P(omitted) exceeds this is `omitted` (chosen for the best F1 on the fit split).
    public var omittedAbove: Double
    /// A realised word scoring below this is `mispronounced`.
    public var mispronouncedBelow: Double
    /// Reference-to-reference word distances assumed when only one reference is given.
    public var singleReferenceSpread: Spread
    /// An inserted-word candidate is kept when its mean distance is at least this multiple of the utterance's.
    public var insertionDistanceRatio: Double
    /// File name (next to this model) of the frame projection the features need, for `projectedMFCC`.
    public var projectionFile: String?
    /// The loaded projection (not part of the JSON; filled by `load`).
    public var projection: FrameProjectionModel?
    /// File name (next to this model) of the frame phone classifier whose goodness of pronunciation feeds
    /// `gop_mean`, `gop_min` and `lpp` (model v2 and later); `nil` = distances only (v1).
    public var phoneModelFile: String?
    /// The loaded phone model (not part of the JSON; filled by `load`).
    public var phoneModel: PhoneModel?
    /// Weights of correctness (v3), accuracy, completeness, fluency, intonation, rhythm in `overall` (renormalised
    /// when one is missing).
    public var overallWeights: [String: Double]
    /// Model v3: the omission log ratio (`UtteranceForcedAlignment`, nats per phone) enters the logistics clipped to
    /// +-this: beyond a few nats per phone the word is surely said (or surely not), and the unbounded tail would
    /// otherwise dominate the linear logistic. `nil` in older files (no such feature).
    public var omissionLogRatioClip: Double?
    /// Model v6: an inserted-word candidate (a stretch the references have no counterpart for) is kept when the
    /// forced alignment's filler explains it better than the expected phones by more than this, nats
    /// (`PronunciationComparison.InsertionCandidate.fillerLogRatio`), instead of by `insertionDistanceRatio`.
    public var insertionFillerLogRatioAbove: Double?
    /// Model v19: an inserted-word candidate is kept only if, besides the filler, PocketSphinx's human-trained model
    /// finds the stretch badly explained by the prompt: its `humanGoodness` (nats per frame) below this. A candidate
    /// the model could not measure is judged by the filler alone. `nil` in older files (no such condition).
    public var insertionHumanGoodnessBelow: Double?
    /// Model v21: a word the omission model calls omitted stays omitted only if PocketSphinx's human-trained model
    /// also finds it badly said: its `humanGoodness` (nats per frame) below this. A word that model hears well is
    /// scored as said (its omission probability counts as 0, in `correctness` too); an unmeasured word is judged by
    /// the omission model alone. `nil` in older files (no such condition).
    public var omissionHumanGoodnessBelow: Double?
    /// Model v6: `correctness` counts the detected inserted words as errors too.
    public var correctnessCountsInsertions: Bool?
    /// Model v7: each phone of a word's expected phones and of its error variants takes at least this many frames
    /// when they are compared (`PronunciationParameters.variantMinimumPhoneFrames`); `nil` in older files (1).
    public var variantMinimumPhoneFrames: Int?
    /// Model v15: each word's omission ratio is measured once more with every phone held this many frames
    /// (`PronunciationParameters.omissionMinimumPhoneFrames`, the trees' `held_omission_llr`); `nil` = not measured.
    public var omissionMinimumPhoneFrames: Int?
    /// Model v26: each word's omission ratio is measured with either neighbouring word optional, leaving one out
    /// costing this many nats (`PronunciationParameters.omissionNeighbourSkipPenalty`); `nil` in older files (other
    /// words held present).
    public var omissionNeighbourSkipPenalty: Double?
    /// Model v8: a word's phone evidence is measured against the references' own (`ReferenceWordEvidence`): only
    /// what is worse than the model speakers counts. `omission_llr` and `variant_llr` lose the references' positive
    /// part; `gop_mean`, `gop_min`, `aligned_gop_mean` and `aligned_gop_min` their negative part. `nil` in older
    /// files (absolute evidence).
    public var referenceRelativeEvidence: Bool?
    /// Model v23: each word's expected phones are the form of it the references say, where espeak-ng transcribes the
    /// word alone differently than in the sentence (`PronunciationParameters.wordPhonesFromReferences`); `nil` in
    /// older files (the sentence form).
    public var wordPhonesFromReferences: Bool?
    /// Model v12: phone posteriors of a reading whose median word goodness (nats per frame) is below this are
    /// tempered back to it (`PronunciationParameters.posteriorTemperingFloor`); `nil` in older files (never).
    public var posteriorTemperingFloor: Double?
    /// Model v13: tempering needs the human-trained acoustic model to hear the prompt's words
    /// (`PronunciationParameters.posteriorTemperingGate`); `nil` in older files (no gate).
    public var posteriorTemperingGate: Double?
    /// Models v14, v17, v19, v20 and v21: whether the word or omission model reads a term of PocketSphinx's
    /// human-trained model (`PronunciationScorer.humanModelTerms`) or inserted or omitted words are checked against
    /// it, which costs one pass of that model per reading.
    public var readsHumanModelGoodness: Bool {
        insertionHumanGoodnessBelow != nil || omissionHumanGoodnessBelow != nil
            || PronunciationScorer.humanModelTerms.contains { reads(term: $0) }
    }

    /// Whether the word model or the omission model reads the word term `name` (`PronunciationScorer.wordTerms`).
    public func reads(term name: String) -> Bool {
        word.reads(name) || omission.reads(name)
    }

    enum CodingKeys: String, CodingKey {
        case version, features, word, omission
        case mispronouncedBelow = "mispronounced_below", omittedAbove = "omitted_above"
        case singleReferenceSpread = "single_reference_spread"
        case insertionDistanceRatio = "insertion_distance_ratio"
        case overallWeights = "overall_weights", projectionFile = "projection_file", phoneModelFile = "phone_model_file"
        case omissionLogRatioClip = "omission_llr_clip"
        case insertionFillerLogRatioAbove = "insertion_filler_llr_above"
        case insertionHumanGoodnessBelow = "insertion_human_goodness_below"
        case omissionHumanGoodnessBelow = "omission_human_goodness_below"
        case correctnessCountsInsertions = "correctness_counts_insertions"
        case variantMinimumPhoneFrames = "variant_minimum_phone_frames"
        case omissionMinimumPhoneFrames = "omission_minimum_phone_frames"
        case omissionNeighbourSkipPenalty = "omission_neighbour_skip_penalty"
        case referenceRelativeEvidence = "reference_relative_evidence"
        case wordPhonesFromReferences = "word_phones_from_references"
        case posteriorTemperingFloor = "posterior_tempering_floor"
        case posteriorTemperingGate = "posterior_tempering_gate"
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.version == b.version && a.features == b.features && a.word == b.word && a.omission == b.omission
            && a.mispronouncedBelow == b.mispronouncedBelow && a.projectionFile == b.projectionFile
            && a.phoneModelFile == b.phoneModelFile
    }

    /// Reads a model file and the projection it names (same folder).
    public static func load(path: String) throws(PronunciationError) -> PronunciationCalibration {
        var model: PronunciationCalibration
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            model = try JSONDecoder().decode(PronunciationCalibration.self, from: data)
        } catch {
            throw .calibrationInvalid(path: path, reason: "\(error)")
        }
        for (name, decision) in [("word", model.word), ("omission", model.omission)] {
            if case .trees(let trees) = decision, let defect = trees.defect {
                throw .calibrationInvalid(path: path, reason: "\(name) trees: \(defect)")
            }
        }
        // Without the setting the scorer would not measure the term and the trees would read 0 for every word.
        if model.reads(term: PronunciationScorer.heldOmissionTerm), (model.omissionMinimumPhoneFrames ?? 0) < 2 {
            throw .calibrationInvalid(path: path, reason: "it reads \(PronunciationScorer.heldOmissionTerm) but omission_minimum_phone_frames is "
                                      + "missing or below 2; set it to the frames the evidence was measured with (model v15: 3)")
        }
        // The human-model check is a second condition on the filler's decision; alone it would be ignored.
        if model.insertionHumanGoodnessBelow != nil, model.insertionFillerLogRatioAbove == nil {
            throw .calibrationInvalid(path: path, reason: "it sets insertion_human_goodness_below without insertion_filler_llr_above; "
                                      + "the human-model check only narrows the filler's decision (model v19: 55 and -3.25)")
        }
        if let file = model.projectionFile {
            let folder = (path as NSString).deletingLastPathComponent
            model.projection = try FrameProjectionModel.load(path: (folder as NSString).appendingPathComponent(file))
        }
        if let file = model.phoneModelFile {
            let folder = (path as NSString).deletingLastPathComponent
            model.phoneModel = try PhoneModel.load(path: (folder as NSString).appendingPathComponent(file))
        }
        return model
    }

    /// Pronunciation parameters matching this model (its feature kind), starting from `base`.
    public func parameters(base: PronunciationParameters = .init()) -> PronunciationParameters {
        var p = base
        p.features = PronunciationParameters.FeatureKind(rawValue: features) ?? base.features
        p.variantMinimumPhoneFrames = variantMinimumPhoneFrames ?? 1
        p.omissionMinimumPhoneFrames = omissionMinimumPhoneFrames ?? 0
        p.omissionNeighbourSkipPenalty = omissionNeighbourSkipPenalty.map(Float.init)
        p.posteriorTemperingFloor = posteriorTemperingFloor
        p.posteriorTemperingGate = posteriorTemperingGate
        p.measuresHumanModelGoodness = readsHumanModelGoodness
        p.wordPhonesFromReferences = wordPhonesFromReferences ?? false
        return p
    }

    public static let defaultRelativePath = "pronunciation/v32.json"

    /// Finds `Models/pronunciation/v32.json` (v26, that is v11 with each word expected in the form its references say
    /// and its omission ratio measured with either neighbouring word optional, whose omission trees were refitted on
    /// twenty-five independent synthetic sets), or the model `$SPEAKWELL_PRONUNCIATION_MODEL` names: a file name in
    /// `Models/pronunciation/` (`v12` or `v12.json`) or a path to a model file. Looks in `$SPEAKWELL_MODELS_DIR`,
    /// then `Models/` in the working directory or any parent of it or of the executable (a source checkout or an
    /// install prefix).
    public static func locateDefault(executablePath: String? = CommandLine.arguments.first,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) throws(PronunciationError) -> PronunciationCalibration {
        var relativePath = defaultRelativePath
        if let chosen = environment["SPEAKWELL_PRONUNCIATION_MODEL"], !chosen.isEmpty {
            if chosen.contains("/") {
                guard FileManager.default.fileExists(atPath: chosen) else { throw .calibrationMissing(searched: [chosen]) }
                return try load(path: chosen)
            }
            let name = chosen.hasSuffix(".json") ? String(chosen.dropLast(5)) : chosen
            guard name.first == "v", name.count > 1, name.dropFirst().allSatisfy(\.isNumber) else {
                throw .calibrationInvalid(path: chosen, reason: "SPEAKWELL_PRONUNCIATION_MODEL must name a model of Models/pronunciation (e.g. v12) or be a path to a model file")
            }
            relativePath = "pronunciation/\(name).json"
        }
        var searched = [String]()
        var candidates = [String]()
        if let dir = environment["SPEAKWELL_MODELS_DIR"] {
            candidates.append((dir as NSString).appendingPathComponent(relativePath))
        }
        var starts = [FileManager.default.currentDirectoryPath]
        if let executablePath {
            starts.append(URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        for start in starts {
            var url = URL(fileURLWithPath: start)
            for _ in 0..<8 {
                candidates.append(url.appendingPathComponent("Models").appendingPathComponent(relativePath).path)
                candidates.append(url.appendingPathComponent("share/speakwell/Models").appendingPathComponent(relativePath).path)
                url.deleteLastPathComponent()
            }
        }
        for candidate in candidates {
            searched.append(candidate)
            if FileManager.default.fileExists(atPath: candidate) { return try load(path: candidate) }
        }
        // The nearest places first (the list of parents is long), then the folder the variable names.
        var folders = [String]()
        for folder in searched.map({ ($0 as NSString).deletingLastPathComponent }) where !folders.contains(folder) { folders.append(folder) }
        throw .calibrationMissing(searched: Array(folders.prefix(4)), relativePath: relativePath)
    }
}
