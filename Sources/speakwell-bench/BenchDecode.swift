import Foundation
import SpeechAudio

/// `speakwell-bench decode FILE [REPEATS]`: decodes FILE to 16 kHz mono REPEATS times and prints one
/// line `seconds_per_decode audio_seconds baseline_rss_kib peak_rss_kib`. Used by bench/decode/run;
/// never part of the test run.
@main
enum BenchMain {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3, arguments[1] == "decode" else {
            FileHandle.standardError.write(Data("usage: speakwell-bench decode FILE [REPEATS]\n".utf8))
            exit(2)
        }
        let path = arguments[2]
        let repeats = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
        var limits = DecodeLimits()
        limits.maximumSeconds = 3600
        let decoder = AudioDecoder(limits: limits)
        let baseline = ProcessMemory.kibibytes("VmRSS")
        let clock = ContinuousClock()
        var audioSeconds = 0.0
        let elapsed = try clock.measure {
            for _ in 0..<repeats {
                let audio = try decoder.decode(path: path)
                audioSeconds = audio.durationSeconds
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(seconds / Double(repeats), audioSeconds, baseline, ProcessMemory.kibibytes("VmHWM"))
    }
}

/// Reads the kernel's accounting of this process (Linux /proc/self/status), in KiB.
enum ProcessMemory {
    static func kibibytes(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }
}
