// Benchmark driver for bench/align/run (not part of the product, never run by `swift test`).
//
//   speakwell-bench-align align MANIFEST OUT.jsonl [CALIBRATION.json]
//       aligns every item's text to its recording, writes the aligned words and the time taken per item.
//
// MANIFEST: {"items": [{"id", "wav", "text"}]}. Experiment switches (bench only; defaults are the product's):
// AL_FEATURES=normalizedMFCC|projectedMFCC, AL_STEP=p1|penalized, AL_SNAP=seconds, AL_TRIM=0/1, AL_VOICES=name+variant@wpm,...
import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechSynthesis

struct Manifest: Decodable {
    struct Item: Decodable { var id: String; var wav: String; var text: String }
    var items: [Item]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("speakwell-bench-align: \(message)\n".utf8))
    exit(2)
}

func parameters() -> ReferenceAligner.Parameters {
    var p = ReferenceAligner.Parameters()
    let env = ProcessInfo.processInfo.environment
    if let v = env["AL_FEATURES"], let kind = PronunciationParameters.FeatureKind(rawValue: v) { p.pronunciation.features = kind }
    if let v = env["AL_STEP"] { p.alignment.stepPattern = v == "p1" ? .symmetricP1 : .symmetricPenalized(penalty: Float(v) ?? 0.5) }
    if let v = env["AL_SNAP"], let x = Double(v) { p.snapWindowSeconds = x }
    if let v = env["AL_TRIM"] { p.trimToSpeech = v == "1" }
    if let v = env["AL_TRIM_DB"], let x = Float(v) { p.trimMinimumAboveFloorDecibels = x }
    if let v = env["AL_TRIM_FRACTION"], let x = Float(v) { p.trimRangeFraction = x }
    if let v = env["AL_BANDMIN"], let x = Int(v) { p.alignment.bandMinimumFrames = x }
    if let v = env["AL_VOICES"] {
        p.voices = v.split(separator: ",").map { spec in
            let parts = spec.split(separator: "@")
            let name = parts[0].split(separator: "+")
            return SynthesisVoice(name: String(name[0]), variant: name.count > 1 ? String(name[1]) : nil,
                                  rateWordsPerMinute: parts.count > 1 ? Int(parts[1]) ?? 165 : 165)
        }
    }
    return p
}

func align(_ args: [String]) {
    guard args.count >= 2 else { fail("align MANIFEST OUT.jsonl [CALIBRATION.json]") }
    let manifest: Manifest
    do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: args[0]))) } catch { fail("\(args[0]): \(error)") }
    var projection: FrameProjectionModel?
    if args.count > 2 {
        do { projection = try PronunciationCalibration.load(path: args[2]).projection } catch { fail("\(error)") }
    }
    let aligner = ReferenceAligner(parameters: parameters(), projection: projection)
    _ = FileManager.default.createFile(atPath: args[1], contents: nil)
    guard let out = FileHandle(forWritingAtPath: args[1]) else { fail("cannot write \(args[1])") }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    for item in manifest.items {
        let samples: [Float]
        do { samples = try AudioDecoder().decode(path: item.wav).samples } catch { fail("\(item.wav): \(error)") }
        var row: [String: Any] = ["id": item.id, "duration_s": Double(samples.count) / 16000]
        let t0 = clock()
        do {
            let alignment = try aligner.align(samples: samples, text: item.text, name: item.id)
            row["seconds"] = clock() - t0
            row["alignment"] = try JSONSerialization.jsonObject(with: encoder.encode(alignment))
        } catch {
            row["error"] = "\(error)"
        }
        out.write(try! JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]))
        out.write(Data("\n".utf8))
    }
    try? out.close()
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "align": align(Array(arguments.dropFirst()))
default: fail("usage: align MANIFEST OUT.jsonl [CALIBRATION.json]")
}
