// Benchmark driver for bench/pronunciation/run (not part of the product, never run by `swift test`).
//
//   speakwell-bench-pronunciation evaluate MANIFEST SPLIT KIND OUT.jsonl [CALIBRATION.json|-] [MAXREFS] [PROJECTION.json]
//       aligns every learner item of SPLIT against its references, writes raw evidence (and, with a
//       calibration, the calibrated section) per item as JSON lines.
//   speakwell-bench-pronunciation speed MANIFEST CALIBRATION.json REFS SECONDS
//       builds a SECONDS-long learner and references by concatenating test items and times scoring.
//   speakwell-bench-pronunciation classifier PHONES.json [FRAMES]
//       times the frame phone classifier alone on FRAMES (default 3000 = 30 s of speech) pseudo-random
//       unit-variance frames; prints the best of 20 runs in microseconds per frame.
//
// F0 comes from the product's pitch tracker (SpeechAnalysis.PitchAnalysis), as in SpeechAnalyzer; the
// NAME.f0.json files (Praat via parselmouth) that make-set.py writes are used only with PR_F0=praat.
import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP

struct Manifest: Decodable {
    struct Item: Decodable {
        var id: String
        var split: String
        var sentence: String
        var learner: String
        var references: [String]
        var voice: String?
        /// The item's words with their truth (`ok`, `mispronounced`, `omitted`, `inserted`; absent in sets without errors).
        var words: [Word]?
        struct Word: Decodable { var word: String; var status: String? }
    }
    var items: [Item]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("speakwell-bench-pronunciation: \(message)\n".utf8))
    exit(2)
}

func decode(_ path: String) -> [Float] {
    do { return try AudioDecoder().decode(path: path).samples } catch { fail("\(path): \(error)") }
}

nonisolated(unsafe) let pitchAnalysis = PitchAnalysis()

func f0(for wav: String) -> F0Track? {
    if ProcessInfo.processInfo.environment["PR_F0"] != "praat" {
        guard let audio = try? AudioDecoder().decode(path: wav) else { return nil }
        return F0Track(PitchAnalysis.section(for: pitchAnalysis.track(audio)))
    }
    let path = URL(fileURLWithPath: wav).deletingPathExtension().path + ".f0.json"
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
          let values = try? JSONDecoder().decode([Float].self, from: data) else { return nil }
    return F0Track(hopSeconds: 0.01, zeroUnvoiced: values)
}

func recording(_ path: String) -> ReferenceRecording {
    let samples = decode(path)
    var words: [ReferenceWord]?
    do { words = try ReferenceWordsSidecar.load(forReference: path, durationSeconds: Double(samples.count) / 16000) } catch { fail("\(error)") }
    if BenchAligner.enabled, let sidecar = words { words = BenchAligner.aligned(samples: samples, words: sidecar, path: path) }
    return ReferenceRecording(name: path, samples: samples, sampleRateHz: 16000, words: words, f0: f0(for: path))
}

/// PR_ALIGNED_TIMINGS=1 (bench/align/run): each reference's word timings come from `ReferenceAligner`
/// with the sidecar's words as the prompt text, instead of from the sidecar (the truth).
enum BenchAligner {
    static let enabled = ProcessInfo.processInfo.environment["PR_ALIGNED_TIMINGS"] == "1"
    /// PR_SYNTHETIC_REFERENCES=1: score against `SyntheticReferences` of the prompt instead of the recorded references.
    static let synthetic = ProcessInfo.processInfo.environment["PR_SYNTHETIC_REFERENCES"] == "1"
    nonisolated(unsafe) static var aligner: ReferenceAligner?

    static func aligned(samples: [Float], words: [ReferenceWord], path: String) -> [ReferenceWord] {
        if aligner == nil {
            let projection: FrameProjectionModel?
            do { projection = try PronunciationCalibration.load(path: "Models/pronunciation/v1.json").projection } catch { fail("\(error)") }
            aligner = ReferenceAligner(projection: projection)
        }
        do {
            let alignment = try aligner!.align(samples: samples, text: words.map(\.word).joined(separator: " "), name: path)
            guard alignment.unplacedWords.isEmpty else { fail("\(path): aligner left words unplaced: \(alignment.unplacedWords)") }
            return alignment.referenceWords
        } catch { fail("\(error)") }
    }
}

func parameters(kind: String, calibration: PronunciationCalibration? = nil) -> PronunciationParameters {
    var p = calibration?.parameters() ?? PronunciationParameters()
    guard let k = PronunciationParameters.FeatureKind(rawValue: kind) else { fail("unknown feature kind \(kind)") }
    p.features = k
    // Experiment switches for the bench only (defaults are the product's).
    let env = ProcessInfo.processInfo.environment
    if let v = env["PR_ROWSPREAD"] { p.normalizeByRowSpread = v == "1" }
    if let v = env["PR_MEDIAN"] { p.centreOnUtteranceMedian = v == "1" }
    if let v = env["PR_PENALTY"], let x = Float(v) { p.alignment.stepPattern = .symmetricPenalized(penalty: x) }
    if let v = env["PR_P1"], v == "1" { p.alignment.stepPattern = .symmetricP1 }
    if let v = env["PR_BEST"], let x = Double(v) { p.bestReferenceFraction = x }
    if let v = env["PR_CEPS"], let x = Int(v) { p.mfcc.coefficientCount = x }
    if let v = env["PR_MEL"], let x = Int(v) { p.mfcc.melBandCount = x }
    if let v = env["PR_BAND"], let x = Double(v) { p.alignment.bandFraction = x }
    if let v = env["PR_BANDMIN"], let x = Int(v) { p.alignment.bandMinimumFrames = x }
    if let v = env["PR_PEAK"], let x = Int(v) { p.peakWindowFrames = x }
    if let v = env["PR_SHRINK"], let x = Double(v) { p.spreadShrinkage = x }
    if let v = env["PR_MINPAUSE"], let x = Double(v) { p.minPauseSeconds = x }
    if let v = env["PR_FILLER_FRAMES"], let x = Int(v) { p.insertionFillerMinimumFrames = x }
    if let v = env["PR_FILLER_COST"], let x = Float(v) { p.insertionFillerFrameCost = x }
    if let v = env["PR_VARIANT_FRAMES"], let x = Int(v) { p.variantMinimumPhoneFrames = x }
    if let v = env["PR_OMISSION_FRAMES"], let x = Int(v) { p.omissionMinimumPhoneFrames = x }
    if let v = env["PR_TEMP"], let x = Float(v) { p.posteriorTemperature = x }
    if let v = env["PR_FLOOR"], let x = Float(v) { p.posteriorFloor = x }
    if let v = env["PR_TEMPER_FLOOR"] { p.posteriorTemperingFloor = Double(v) }   // "off" = never
    if env["PR_HUMAN_MODEL"] == "1" { p.measuresHumanModelGoodness = true }   // evidence for a fit that reads it
    return p
}

func loadManifest(_ path: String) -> Manifest {
    do { return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: path))) } catch { fail("\(path): \(error)") }
}

/// One word's evidence under the term names the fit scripts read (bench/pronunciation/evaluation.py).
func unitJSON(_ u: PronunciationComparison.UnitEvidence) -> [String: Any] {
    var json: [String: Any] = ["label": u.label, "mean": u.logMeanRatio, "peak": u.logPeakRatio, "log_duration": u.logRelativeDuration,
                               "start_s": u.learnerStartSeconds, "end_s": u.learnerEndSeconds, "best_reference": u.bestReference]
    if let g = u.goodness {
        json["gop_mean"] = g.frameMean; json["gop_min"] = g.phoneMinimum; json["lpp"] = g.logPosteriorMean
    }
    if let a = u.aligned {
        json["omission_llr"] = a.omissionLogRatio; json["aligned_gop_min"] = a.goodness.phoneMinimum
        json["aligned_gop_mean"] = a.goodness.frameMean; json["aligned_lpp"] = a.goodness.logPosteriorMean
        json["aligned_frames"] = a.frameCount
        if let ratio = a.heldOmissionLogRatio { json[PronunciationScorer.heldOmissionTerm] = ratio }
        if let ratio = a.variantLogRatio {
            json["variant_llr"] = ratio; json["variant_rule"] = a.bestVariant?.rule.rawValue ?? ""
        }
    }
    if let r = u.referenceAligned {
        json["ref_omission_llr"] = r.omissionLogRatio; json["ref_aligned_gop_mean"] = r.goodnessFrameMean
        json["ref_aligned_gop_min"] = r.goodnessPhoneMinimum; json["ref_gop_mean"] = r.spanGoodnessFrameMean
        json["ref_gop_min"] = r.spanGoodnessPhoneMinimum
        if let ratio = r.variantLogRatio { json["ref_variant_llr"] = ratio }
    }
    if let h = u.humanGoodness { json[PronunciationScorer.humanGoodnessTerm] = h }
    if let h = u.humanPhoneMinimum { json[PronunciationScorer.humanPhoneMinimumTerm] = h }
    if let h = u.humanVariantLogRatio { json[PronunciationScorer.humanVariantTerm] = h }
    return json
}

func evidenceJSON(_ c: PronunciationComparison) -> [String: Any] {
    [
        "units": c.units.map(unitJSON),
        "insertions": c.insertionCandidates.map { ["start_s": $0.startSeconds, "end_s": $0.endSeconds, "ratio": $0.distanceRatio, "filler_llr": $0.fillerLogRatio.map { $0 as Any } ?? NSNull(),
                                               "filler_llr_relative": $0.fillerLogRatioOverReferences.map { $0 as Any } ?? NSNull(),
                                               "human_goodness": $0.humanGoodness.map { $0 as Any } ?? NSNull()] },
        "insertion_gaps": c.insertionGaps.map { ["start_s": $0.startSeconds, "end_s": $0.endSeconds, "llr": $0.logRatio, "ref_llr": $0.referenceLogRatio.map { $0 as Any } ?? NSNull()] },
        "intonation": c.intonation.map { ["r": $0.correlation, "rmse_st": $0.rmseSemitones, "score": $0.score] } as Any,
        "rhythm": c.rhythm.map { ["r": $0.logDurationCorrelation, "npvi_learner": $0.learnerNPVI, "npvi_reference": $0.referenceNPVI, "score": $0.score] } as Any,
        "phonation_ratio": c.phonationRatio, "rate_ratio": c.rateRatio, "posterior_temperature": c.posteriorTemperature, "human_model_goodness": c.humanModelGoodness ?? NSNull(),
    ]
}

func evaluate(_ args: [String]) {
    guard args.count >= 4 else { fail("evaluate MANIFEST SPLIT KIND OUT [CALIBRATION|-] [MAXREFS] [PROJECTION]") }
    let manifest = loadManifest(args[0])
    let calibration: PronunciationCalibration?
    do { calibration = args.count > 4 && args[4] != "-" ? try PronunciationCalibration.load(path: args[4]) : nil } catch { fail("\(error)") }
    let maxReferences = args.count > 5 ? Int(args[5]) ?? 3 : 3
    var projection: FrameProjectionModel?
    do { projection = args.count > 6 ? try FrameProjectionModel.load(path: args[6]) : nil } catch { fail("\(error)") }
    // PR_PHONE_MODEL=FILE: the phone model without a calibration (fitting v2). PR_PHONE_FOLDS=DIR: each item's
    // learner is scored with DIR/phones-wo-VOICE.json, a phone model fitted without its voice, so that the
    // calibration is fitted on goodness values like those of unseen voices (bench/pronunciation/fit).
    let env = ProcessInfo.processInfo.environment
    var phoneModel: PhoneModel?
    do { phoneModel = try env["PR_PHONE_MODEL"].map { try PhoneModel.load(path: $0) } } catch { fail("\(error)") }
    let defaultScorer = PronunciationScorer(parameters: parameters(kind: args[2], calibration: calibration), calibration: calibration, projection: projection,
                                            phoneModel: phoneModel)
    var foldScorers = [String: PronunciationScorer]()
    func scorerFor(_ item: Manifest.Item) -> (PronunciationScorer, String) {
        guard let folds = env["PR_PHONE_FOLDS"], let voice = item.voice else { return (defaultScorer, "") }
        if let cached = foldScorers[voice] { return (cached, voice) }
        let model: PhoneModel
        do { model = try PhoneModel.load(path: "\(folds)/phones-wo-\(voice).json") } catch { fail("\(error)") }
        let scorer = PronunciationScorer(parameters: parameters(kind: args[2], calibration: calibration), calibration: calibration, projection: projection,
                                         phoneModel: model)
        foldScorers[voice] = scorer
        return (scorer, voice)
    }
    _ = FileManager.default.createFile(atPath: args[3], contents: nil)
    guard let out = FileHandle(forWritingAtPath: args[3]) else { fail("cannot write \(args[3])") }
    var sets = [String: ReferenceSet]()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for item in manifest.items where item.split == args[1] || args[1] == "all" {
        let (scorer, fold) = scorerFor(item)
        let key = item.sentence + "|" + fold
        let set: ReferenceSet
        if let cached = sets[key] { set = cached } else {
            do {
                if BenchAligner.synthetic {
                    // Text-only exercise: the prompt (the first reference's sidecar words) spoken by espeak-ng voices.
                    let text = (recording(item.references[0]).words ?? []).map(\.word).joined(separator: " ")
                    set = try scorer.prepare(try SyntheticReferences.recordings(text: text))
                } else {
                    set = try scorer.prepare(item.references.prefix(maxReferences).map(recording))
                }
            } catch { fail("\(error)") }
            sets[key] = set
        }
        let samples = decode(item.learner)
        var row: [String: Any] = ["id": item.id]
        do {
            let comparison = try scorer.compare(learner: samples, learnerF0: f0(for: item.learner), references: set)
            row["evidence"] = evidenceJSON(comparison)
            if let calibration {
                let section = PronunciationScorer.section(from: comparison, calibration: calibration)
                row["section"] = try JSONSerialization.jsonObject(with: encoder.encode(section))
            }
            row["reference_spread"] = set.utteranceSpread.map { ["mean": $0.mean, "peak": $0.peak] }
        } catch {
            row["error"] = "\(error)"
        }
        out.write(try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]))
        out.write(Data("\n".utf8))
    }
    try? out.close()
}

func speed(_ args: [String]) {
    guard args.count >= 4, let referenceCount = Int(args[2]), let seconds = Double(args[3]) else { fail("speed MANIFEST CALIBRATION REFS SECONDS") }
    let manifest = loadManifest(args[0])
    let calibration: PronunciationCalibration
    do { calibration = try PronunciationCalibration.load(path: args[1]) } catch { fail("\(error)") }
    // Concatenate correct test readings (and their references, words shifted) until SECONDS is reached.
    var learner = [Float](), references = [[Float]](repeating: [], count: referenceCount)
    var words = [[ReferenceWord]](repeating: [], count: referenceCount)
    var learnerF0 = [Float](), referenceF0 = [[Float]](repeating: [], count: referenceCount)
    func appendF0(_ track: F0Track?, samples: Int, to array: inout [Float]) {
        let frames = samples / 160
        for k in 0..<frames { array.append(Float(track.flatMap { k < $0.hz.count ? $0.hz[k] : nil } ?? 0)) }
    }
    for item in manifest.items where item.split == "test" && item.id.hasSuffix("correct0") {
        if Double(learner.count) / 16000 >= seconds { break }
        let l = decode(item.learner)
        appendF0(f0(for: item.learner), samples: l.count, to: &learnerF0)
        learner += l
        for r in 0..<referenceCount {
            let rec = recording(item.references[r])
            let offset = Double(references[r].count) / 16000
            words[r] += (rec.words ?? []).map { ReferenceWord(word: $0.word, startSeconds: $0.startSeconds + offset, endSeconds: $0.endSeconds + offset) }
            appendF0(rec.f0, samples: rec.samples.count, to: &referenceF0[r])
            references[r] += rec.samples
        }
    }
    learner = Array(learner.prefix(Int(seconds * 16000)))
    let duration = Double(learner.count) / 16000
    let recordings = (0..<referenceCount).map {
        ReferenceRecording(name: "ref\($0)", samples: references[$0], sampleRateHz: 16000, words: words[$0],
                           f0: F0Track(hopSeconds: 0.01, zeroUnvoiced: referenceF0[$0]))
    }
    let track = F0Track(hopSeconds: 0.01, zeroUnvoiced: learnerF0)
    let scorer = PronunciationScorer(parameters: parameters(kind: calibration.features, calibration: calibration), calibration: calibration)
    func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    var cold = [Double](), warm = [Double]()
    for _ in 0..<5 {
        let t0 = clock()
        let set = try! scorer.prepare(recordings)
        let t1 = clock()
        _ = try! scorer.score(learner: learner, learnerF0: track, references: set)
        let t2 = clock()
        cold.append(t2 - t0)
        warm.append(t2 - t1)
    }
    let result: [String: Any] = ["seconds": duration, "references": referenceCount,
                                 "cold_s": cold.min()!, "warm_s": warm.min()!,
                                 "cold_x_realtime": duration / cold.min()!, "warm_x_realtime": duration / warm.min()!]
    print(String(data: try! JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), encoding: .utf8)!)
}

/// dump-frames LIST OUTDIR: for each WAV path in LIST (one per line), writes OUTDIR/BASENAME.f32:
/// int32 rows, int32 dim, rows x int32 analysis-frame index, rows x dim float32 (CMVN MFCC + deltas).
/// With a third argument `vtlp`: each file's mel filters warped by a factor in [0.9, 0.97] or [1.03, 1.1] drawn from
/// its name (deterministic; vocal tract length perturbation of the phone classifier's training copies).
func dumpFrames(_ args: [String]) {
    guard args.count >= 2, let list = try? String(contentsOfFile: args[0], encoding: .utf8) else { fail("dump-frames LIST OUTDIR [vtlp]") }
    var p = PronunciationParameters()
    p.features = .normalizedMFCC
    let perturb = args.count > 2 && args[2] == "vtlp"
    var extractor = PronunciationFeatureExtractor(sampleRateHz: 16000, parameters: p)
    for path in list.split(separator: "\n").map(String.init) where !path.isEmpty {
        if perturb {
            var hash: UInt64 = 1469598103934665603
            for byte in URL(fileURLWithPath: path).lastPathComponent.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
            let u = Double(hash % 10_000) / 10_000
            p.mfcc.frequencyWarp = u < 0.5 ? 0.9 + 0.14 * u : 1.03 + 0.14 * (u - 0.5)
            extractor = PronunciationFeatureExtractor(sampleRateHz: 16000, parameters: p)
        }
        guard let u = extractor.features(of: decode(path)) else { continue }
        var data = Data()
        var header = [Int32(u.features.frameCount), Int32(u.features.dimension)]
        data.append(Data(bytes: &header, count: 8))
        var frames = u.keptFrames.map(Int32.init)
        data.append(Data(bytes: &frames, count: 4 * frames.count))
        var values = u.features.values
        data.append(Data(bytes: &values, count: 4 * values.count))
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try! data.write(to: URL(fileURLWithPath: args[1]).appendingPathComponent(name + ".f32"))
    }
}

func classifier(_ args: [String]) {
    guard let path = args.first else { fail("classifier PHONES.json [FRAMES]") }
    let model: PhoneModel
    do { model = try PhoneModel.load(path: path) } catch { fail("\(error)") }
    let frames = args.count > 1 ? Int(args[1]) ?? 3000 : 3000
    var input = FeatureMatrix(frameCount: frames, dimension: model.frameDimension, hopSeconds: 0.01)
    var state: UInt64 = 1
    for i in input.values.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        input.values[i] = Float(Double(state >> 11) / Double(1 << 53)) * 3.4 - 1.7   // uniform, unit variance
    }
    let classifier = PhoneClassifier(model: model)
    var best = Double.infinity, checksum: Float = 0
    for _ in 0..<20 {
        let start = DispatchTime.now().uptimeNanoseconds
        let output = classifier.logPosteriors(of: input)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(frames))
        checksum += output.values[output.values.count / 2]
    }
    print(String(format: "phone classifier %@: %.2f us per frame (best of 20 runs over %d frames; checksum %.4f)",
                 model.version, best, frames, checksum / 20))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "evaluate": evaluate(Array(arguments.dropFirst()))
case "speed": speed(Array(arguments.dropFirst()))
case "dump-frames": dumpFrames(Array(arguments.dropFirst()))
case "classifier": classifier(Array(arguments.dropFirst()))
case "sphinx-goodness": sphinxGoodness(Array(arguments.dropFirst()))
case "sphinx-skip": sphinxSkip(Array(arguments.dropFirst()))
default: fail("usage: evaluate ... | speed ... | dump-frames ... | classifier ... | sphinx-goodness ... | sphinx-skip ...")
}
