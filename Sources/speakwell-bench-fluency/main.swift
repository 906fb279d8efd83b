// Benchmark driver for bench/fluency (never run by `swift test`): decodes each file given on the command
// line, times speech + pauses + syllables + fluency on it (`--repeat` runs, best kept, decoding excluded),
// and prints one JSON line per file: the speech and fluency sections, the audio duration and the seconds
// the analysis took. Usage: speakwell-bench-fluency [--repeat N] FILE...
import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP

/// CPU time of this thread: on a machine shared with compilers, wall time would measure the neighbours.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let flag = arguments.firstIndex(of: "--repeat"), flag + 1 < arguments.count {
    repeats = max(1, Int(arguments[flag + 1]) ?? 3)
    arguments.removeSubrange(flag...(flag + 1))
}
// `--set NAME=VALUE` overrides a speech parameter, for tuning runs (the table uses the defaults).
var configuration = AnalysisConfiguration()
while let flag = arguments.firstIndex(of: "--set"), flag + 1 < arguments.count {
    let pair = arguments[flag + 1].split(separator: "=").map(String.init)
    arguments.removeSubrange(flag...(flag + 1))
    guard pair.count == 2, let value = Double(pair[1]) else { continue }
    switch pair[0] {
    case "on": configuration.speech.onsetLikelihoodRatio = Float(value)
    case "off": configuration.speech.offsetLikelihoodRatio = Float(value)
    case "edge": configuration.speech.edgeCorrectionSeconds = value
    case "dip": configuration.speech.minimumDipDecibels = Float(value)
    case "below": configuration.speech.nucleusBelowMaximumDecibels = Float(value)
    case "above": configuration.speech.nucleusAboveFloorDecibels = Float(value)
    case "spacing": configuration.speech.minimumNucleusSpacingSeconds = value
    case "voiced": configuration.speech.voicedThreshold = Float(value)
    case "filledmin": configuration.speech.minimumFilledPauseSeconds = value
    case "filledchange": configuration.speech.filledPauseMaxSpectralChangeDecibels = Float(value)
    case "filledspread": configuration.speech.filledPauseMaxPitchSpreadSemitones = Float(value)
    case "range": configuration.speech.dynamicRangeDecibels = Float(value)
    default: FileHandle.standardError.write(Data("unknown parameter \(pair[0])\n".utf8)); exit(2)
    }
}
let analyzer = SpeechAnalyzer(configuration: configuration)
let request = AnalysisRequest(sections: [.speech, .fluency])
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
for path in arguments {
    do {
        let audio = try AudioDecoder().decode(path: path)
        var best = Double.infinity
        var document = analyzer.analyze(audio, request: request)
        for _ in 0..<repeats {
            let start = threadCPUSeconds()
            document = analyzer.analyze(audio, request: request)
            best = min(best, threadCPUSeconds() - start)
        }
        if let window = ProcessInfo.processInfo.environment["SW_DUMP"]?.split(separator: ",").compactMap({ Double($0) }),
           window.count == 2 {
            let frames = audio.samples.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: 16000).analyze(samples: $0) }
            let bands = frames.bandCount
            for t in Int(window[0] * 100)...min(frames.count - 3, Int(window[1] * 100)) where t >= 2 {
                var change: Float = 0
                for k in 0..<bands {
                    let d = 10 * log10f(max(frames.bandPower[(t + 2) * bands + k], 1e-12) / max(frames.bandPower[(t - 2) * bands + k], 1e-12))
                    change += d * d
                }
                print(String(format: "%.2f lvl %6.1f son %6.1f per %.2f f0 %5.1f chg %4.1f", Double(t) / 100, frames.levelDecibels[t],
                             frames.sonorityDecibels[t], frames.periodicity[t], frames.f0Hz[t], (change / Float(bands)).squareRoot()))
            }
        }
        if ProcessInfo.processInfo.environment["SW_PROFILE"] != nil {
            let frameAnalyzer = SpeechFrameAnalyzer(sampleRateHz: 16000)
            for periodicity in [true, false] {
                let start = threadCPUSeconds()
                _ = audio.samples.withUnsafeBufferPointer { frameAnalyzer.analyze(samples: $0, periodicity: periodicity) }
                FileHandle.standardError.write(Data("frames periodicity=\(periodicity): \(threadCPUSeconds() - start) total \(best)\n".utf8))
            }
        }
        let speech = String(decoding: try encoder.encode(document.speech), as: UTF8.self)
        let fluency = String(decoding: try encoder.encode(document.fluency), as: UTF8.self)
        print("{\"file\":\"\(path)\",\"duration_s\":\(audio.durationSeconds),\"analysis_s\":\(best),\"speech\":\(speech),\"fluency\":\(fluency)}")
    } catch {
        FileHandle.standardError.write(Data("speakwell-bench-fluency: \(path): \(error)\n".utf8))
        exit(1)
    }
}
