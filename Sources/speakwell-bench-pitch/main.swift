// Pitch benchmark driver for bench/pitch/run: tracks every WAV given on the command line and prints one
// JSON object per line: {"file", "f0_hz": [Hz, 0 = unvoiced], "voicing": [...], "seconds": tracker time}.
// Tracker time is the best of `--repeat` runs (default 3) of `PitchTracker.track` on the decoded samples:
// decoding is excluded, as model loading is for the anchors. The last line reports heap allocations counted
// around the per-frame calls and around a whole `track` call (see Tests/CAllocationCounter).
import CAllocationCounter
import Foundation
import SpeechAudio
import SpeechDSP

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let flag = arguments.firstIndex(of: "--repeat"), flag + 1 < arguments.count {
    repeats = max(1, Int(arguments[flag + 1]) ?? 3)
    arguments.removeSubrange(flag...(flag + 1))
}
// Tuning overrides (never used by bench/pitch/run): PITCH_<PARAMETER>=value.
var parameters = PitchParameters()
let environment = ProcessInfo.processInfo.environment
func override(_ name: String, _ apply: (Double) -> Void) { if let v = environment["PITCH_" + name].flatMap(Double.init) { apply(v) } }
override("ANALYSIS_RATE") { parameters.analysisRateHz = $0 }
override("VOICING") { parameters.voicingThreshold = $0 }
override("SILENCE") { parameters.silenceThreshold = $0 }
override("OCTAVE") { parameters.octaveCost = $0 }
override("JUMP") { parameters.octaveJumpCost = $0 }
override("VUV") { parameters.voicedUnvoicedCost = $0 }
override("VUV_ENERGY") { parameters.voicingTransitionEnergyWeight = $0 }
override("NARROW") { parameters.narrowsToSpeaker = $0 != 0 }
override("BG_Q") { parameters.backgroundQuantile = $0 }
override("BG") { parameters.backgroundThreshold = $0 }
override("NOISY_BG") { parameters.noisyBackgroundThreshold = $0 }
override("SP_FLOOR") { parameters.speakerFloorFactor = $0 }
override("SP_CEIL") { parameters.speakerCeilingFactor = $0 }
override("NOISY_DB") { parameters.noisyBelowDecibels = $0 }
override("FULLBAND") { parameters.fullBandWithCompetingVoices = $0 != 0 }
override("PERIODS") { parameters.periodsPerWindow = $0 }
override("REFINE") { parameters.refinesPeaks = $0 != 0 }
override("REANALYSE") { parameters.reanalysesForSpeaker = $0 != 0 }
override("WSTEPS") { parameters.speakerWindowSteps = Int($0) }
override("BRIDGE") { parameters.bridgeSeconds = $0 }
override("NOISY_BRIDGE") { parameters.noisyBridgeSeconds = $0 }
override("FLOOR") { parameters.floorHz = $0 }
override("CEILING") { parameters.ceilingHz = $0 }
let tracker = PitchTracker(sampleRateHz: Double(DecodedAudio.analysisRateHz), parameters: parameters)
let decoder = AudioDecoder()
var lastSamples: [Float] = []

func jsonNumbers(_ values: [Float]) -> String {
    "[" + values.map { String(format: "%.3f", $0) }.joined(separator: ",") + "]"
}

for path in arguments {
    let audio = try decoder.decode(path: path)
    var best = Double.infinity
    var track = tracker.track(audio.samples)
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        track = tracker.track(audio.samples)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    lastSamples = audio.samples
    let escaped = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    print("{\"file\":\"\(escaped)\",\"seconds\":\(best),\"duration_s\":\(audio.durationSeconds),"
          + "\"f0_hz\":\(jsonNumbers(track.f0Hz)),\"voicing\":\(jsonNumbers(track.voicingProbability))}")
}

// Allocation proof: the per-frame phase on the last file, frame by frame through the public per-frame API,
// then a whole `track` call (which allocates only its two output arrays once warmed up).
if !lastSamples.isEmpty {
    let analysis = AutocorrelationPitch(sampleRateHz: 16_000)
    let frames = lastSamples.count / 160 - 10
    let table = PitchCandidateTable(frameCount: frames, capacity: 14)
    var peak: Float = 0
    for sample in lastSamples { peak = max(peak, abs(sample)) }
    let window = analysis.windowLength
    var perFrame = 0
    var firstAllocatingFrame = -1
    lastSamples.withUnsafeBufferPointer { samples in
        for index in 0..<frames where index * 160 + window <= samples.count {
            speakwell_allocation_count_begin()
            analysis.candidates(frame: UnsafeBufferPointer(rebasing: samples[(index * 160)..<(index * 160 + window)]),
                                globalPeak: peak, into: table, frameIndex: index)
            let count = speakwell_allocation_count_end()
            if count > 0 && firstAllocatingFrame < 0 { firstAllocatingFrame = index }
            perFrame += count
        }
    }
    speakwell_allocation_count_begin()
    let track = tracker.track(lastSamples)
    let perTrack = speakwell_allocation_count_end()
    print("{\"allocation_check\":{\"frames\":\(frames),\"allocations_in_frame_calls\":\(perFrame),\"first_allocating_frame\":\(firstAllocatingFrame),"
          + "\"track_frames\":\(track.frameCount),\"allocations_in_track_call\":\(perTrack)}}")
}
