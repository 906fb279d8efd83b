import Foundation
import SpeechAnalysis
import SpeechSynthesis

/// `sphinx-goodness MANIFEST SPLIT OUT.jsonl`: per item of SPLIT, the goodness of each said word (inserted words
/// left out) from PocketSphinx's en-us model read in Swift (`SphinxWordGoodness`), in the dump format of
/// bench/pronunciation/pocketsphinx-gop.py (`{"id", "goodness": [...] | null}`), so that its metrics compare the
/// two side by side, plus each word's worst phone goodness and error-variant ratio (`"phone_minimum"`,
/// `"variant_llr"`, NaN for a word without variants; the fits of models v17 and v18 read them). Prints x realtime on
/// one core (model loading excluded).
func sphinxGoodness(_ arguments: [String]) {
    guard arguments.count == 3 else { fail("usage: sphinx-goodness MANIFEST SPLIT OUT.jsonl") }
    let items = loadManifest(arguments[0]).items.filter { $0.split == arguments[1] }
    var goodness: SphinxWordGoodness
    do {
        let model = try SphinxAcousticModel.load()
        goodness = try SphinxWordGoodness(model: model, dictionary: SphinxPronouncingDictionary(model: model))
    } catch { fail("\(error)") }
    var lines: [String] = [], audioSeconds = 0.0, nanoseconds: UInt64 = 0, decoded = 0
    for item in items.sorted(by: { $0.id < $1.id }) {
        let samples = decode(learnerPath(item, manifest: arguments[0]))
        let words = (item.words ?? []).filter { $0.status != "inserted" }.map(\.word)
        // A word outside the CMU dictionary is said as espeak-ng transcribes it, as the scorer does (there once per
        // exercise, so not timed here).
        let espeak = try? SpeechSynthesizer.phonemes(of: words)
        let start = DispatchTime.now().uptimeNanoseconds
        let aligned: [SphinxWordGoodness.Word]?
        do { aligned = try goodness.align(words, in: samples, espeak: espeak) } catch { fail("\(item.id): \(error)") }
        nanoseconds += DispatchTime.now().uptimeNanoseconds - start
        audioSeconds += Double(samples.count) / 16_000
        if aligned != nil { decoded += 1 }
        func array(_ values: [Float]?) -> String {
            values.map { "[" + $0.map { $0.isNaN ? "NaN" : String(format: "%.4f", $0) }.joined(separator: ", ") + "]" } ?? "null"
        }
        lines.append("{\"id\": \"\(item.id)\", \"goodness\": \(array(aligned?.map(\.goodness))), "
                     + "\"phone_minimum\": \(array(aligned?.map(\.phoneMinimum))), "
                     + "\"variant_llr\": \(array(aligned?.map { $0.variantLogRatio ?? .nan }))}")
    }
    writeLines(lines, to: arguments[2])
    print(String(format: "sphinx goodness: %d of %d items, %.1f s of audio, %.0fx realtime", decoded, items.count, audioSeconds,
                 audioSeconds / (Double(nanoseconds) / 1e9)))
}

/// A manifest item's learner recording: its path is relative to the repository, four folders above the manifest.
func learnerPath(_ item: Manifest.Item, manifest: String) -> String {
    guard !item.learner.hasPrefix("/") else { return item.learner }
    var root = URL(fileURLWithPath: manifest)
    for _ in 0..<4 { root.deleteLastPathComponent() }
    return root.appendingPathComponent(item.learner).path
}

/// One JSON object per line, or a typed failure naming the file.
func writeLines(_ lines: [String], to path: String) {
    do { try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
        fail("\(path): \(error)")
    }
}
