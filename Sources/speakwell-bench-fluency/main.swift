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
    case "decay": configuration.speech.reverberantDecaySeconds = value
    case "reverbrange": configuration.speech.reverberantDynamicRangeDecibels = Float(value)
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
        // The same analysis with a voicing track supplied, as when the pitch tracker runs first: the
        // analyser then skips its own periodicity. The track (here the analyser's own periodicity, made
        // outside the timed region) stands in for the pitch tracker's output; pitch time is not included.
        let frames = audio.samples.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: 16_000).analyze(samples: $0) }
        let track = VoicingTrack(hopSeconds: frames.hopSeconds, voicingProbability: frames.periodicity, f0Hz: frames.f0Hz)
        let timingAnalyzer = SpeechTimingAnalyzer(sampleRateHz: 16_000, parameters: configuration.speech)
        var bestWithTrack = Double.infinity
        for _ in 0..<repeats {
            let start = threadCPUSeconds()
            let timing = timingAnalyzer.analyze(samples: audio.samples, voicing: track)
            _ = FluencyMeasures.section(for: timing, longPauseSeconds: configuration.speech.longPauseSeconds)
            bestWithTrack = min(bestWithTrack, threadCPUSeconds() - start)
        }
        let speech = String(decoding: try encoder.encode(document.speech), as: UTF8.self)
        let fluency = String(decoding: try encoder.encode(document.fluency), as: UTF8.self)
        print("{\"file\":\"\(path)\",\"duration_s\":\(audio.durationSeconds),\"analysis_s\":\(best),\"analysis_with_track_s\":\(bestWithTrack),\"speech\":\(speech),\"fluency\":\(fluency)}")
    } catch {
        FileHandle.standardError.write(Data("speakwell-bench-fluency: \(path): \(error)\n".utf8))
        exit(1)
    }
}
