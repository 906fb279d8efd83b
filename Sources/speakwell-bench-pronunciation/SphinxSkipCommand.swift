import Foundation
import SpeechAnalysis
import SpeechSynthesis

/// `sphinx-skip MANIFEST SPLIT OUT.jsonl` (an experiment, not the product): per item of SPLIT, each prompt word's
/// skip ratio under PocketSphinx's human-trained model, the counterpart of our classifier's `omission_llr`: (best
/// forced path through the prompt without the word - best forced path with it) / the word's phones, nats; > 0 =
/// the recording is explained better without the word. Written as `{"id", "skip": [...] | null}`.
func sphinxSkip(_ arguments: [String]) {
    guard arguments.count == 3 else { fail("usage: sphinx-skip MANIFEST SPLIT OUT.jsonl") }
    let items = loadManifest(arguments[0]).items.filter { $0.split == arguments[1] }
    let models: SphinxModels, features: SphinxFeatures
    do { models = try SphinxModels.debian.get(); features = try SphinxFeatures() } catch { fail("\(error)") }
    var scorer = SphinxSenoneScorer(model: models.model)
    var lines: [String] = []
    for item in items.sorted(by: { $0.id < $1.id }) {
        let words = (item.words ?? []).filter { $0.status != "inserted" }.map(\.word)
        let espeak = try? SpeechSynthesizer.phonemes(of: words)
        var ratios: [Float]? = nil
        if let phones = models.dictionary.phones(of: words, espeak: espeak),
           let extracted = try? features.features(of: decode(learnerPath(item, manifest: arguments[0]))) {
            let scores = scorer.score(features: extracted.values, frames: extracted.frames)
            func units(without skipped: Int?) -> [SphinxPhoneAlignment.Unit] {
                let kept = phones.indices.filter { $0 != skipped }.map { phones[$0] }
                return SphinxWordGoodness.promptUnits(kept, model: models.model)?.units ?? []
            }
            func best(_ units: [SphinxPhoneAlignment.Unit]) -> Float? {
                SphinxPhoneAlignment.forced(units, scores: scores, frames: extracted.frames, model: models.model)?.score
            }
            if let with = best(units(without: nil)) {
                ratios = phones.indices.map { (w: Int) -> Float in
                    guard let without = best(units(without: w)) else { return 0 }
                    return (without - with) / Float(phones[w].count)
                }
            }
        }
        let json = ratios.map { "[" + $0.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]" } ?? "null"
        lines.append("{\"id\": \"\(item.id)\", \"skip\": \(json)}")
    }
    writeLines(lines, to: arguments[2])
}
