import CEspeakNG
import Foundation
import SpeechAudio
import SpeechDSP
import Synchronization

/// Text to speech with libespeak-ng, reporting where each word starts in the audio.
///
/// espeak-ng keeps one global engine (voice, parameters, callback), so every call goes through one
/// process-wide lock; synthesis runs far faster than real time, so the lock is held only briefly.
/// Word starts are espeak-ng's own `espeakEVENT_WORD` sample positions (exact by construction);
/// a word ends at the last 10 ms frame above -45 dBFS before the next word starts.
public enum SpeechSynthesizer {
    static let engine = Mutex<Int32>(0)   // espeak-ng's output rate once initialised

    /// Initialises espeak-ng on first use; call inside `engine.withLock`.
    static func start(_ rate: inout Int32) throws(SynthesisError) {
        guard rate <= 0 else { return }
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        guard rate > 0 else { throw .engineUnavailable() }
        espeak_SetSynthCallback(collectSamples)
    }

    /// - Parameters:
    ///   - text: what to say; `[[...]]` spans are espeak-ng phoneme mnemonics when `phonemeInput` is set.
    ///   - voice: voice, variant, rate (80 ... 450 wpm) and pitch (0 ... 100).
    public static func synthesize(_ text: String, voice: SynthesisVoice = SynthesisVoice(),
                                  phonemeInput: Bool = false) throws(SynthesisError) -> SynthesizedSpeech {
        let tokens = Token.split(text)
        guard tokens.contains(where: { !$0.label.isEmpty }) else { throw .emptyText() }
        let collector = Collector()
        let rateHz: Int = try engine.withLock { (rate: inout Int32) throws(SynthesisError) -> Int in
            try start(&rate)
            guard selectVoice(voice) else { throw .unknownVoice(voice.espeakName) }
            espeak_SetParameter(espeakRATE, Int32(max(80, min(450, voice.rateWordsPerMinute))), 0)
            espeak_SetParameter(espeakPITCH, Int32(max(0, min(100, voice.pitch))), 0)
            var flags = UInt32(espeakCHARS_UTF8)
            if phonemeInput { flags |= UInt32(espeakPHONEMES) }
            let status = text.withCString { pointer in
                espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0, flags, nil,
                             Unmanaged.passUnretained(collector).toOpaque())
            }
            guard status == EE_OK else { throw .synthesisFailed("espeak_Synth returned \(status.rawValue)") }
            return Int(rate)
        }
        let native = collector.samples.map { Float($0) / 32768 }
        let words = wordTimings(tokens: tokens, events: collector.wordEvents, samples: native, rateHz: rateHz)
        let samples: [Float]
        do { samples = try Resampling.toAnalysisRate(native, rateHz: rateHz) } catch {
            throw .synthesisFailed(error.message)
        }
        let placed = Set(words.map(\.index))
        return SynthesizedSpeech(samples: samples, sampleRateHz: DecodedAudio.analysisRateHz, voice: voice,
                                 words: words.map(\.word),
                                 unplacedWords: tokens.filter { !$0.label.isEmpty && !placed.contains($0.index) }.map(\.label))
    }

    /// espeak-ng resolves some language names (e.g. `en-gb`) to an MBROLA voice that is not installed;
    /// then the built-in voice for that language is chosen by its file name, keeping the variant.
    static func selectVoice(_ voice: SynthesisVoice) -> Bool {
        if espeak_SetVoiceByName(voice.espeakName) == EE_OK { return true }
        guard let list = espeak_ListVoices(nil) else { return false }
        var best: (priority: Int, base: String)?
        var index = 0
        while let entry = list[index] {
            index += 1
            guard let identifier = entry.pointee.identifier.map({ String(cString: $0) }),
                  !identifier.hasPrefix("mb/"), !identifier.hasPrefix("!v/"),
                  var language = entry.pointee.languages else { continue }
            // `languages` is a run of (priority byte, NUL-terminated name) pairs ending with a 0 byte.
            while language.pointee != 0 {
                let priority = Int(UInt8(bitPattern: language.pointee))
                let name = String(cString: language + 1)
                if name == voice.name, priority < (best?.priority ?? Int.max) {
                    best = (priority, String(identifier.split(separator: "/").last ?? ""))
                }
                language += strlen(language + 1) + 2
            }
        }
        guard let best else { return false }
        return espeak_SetVoiceByName(voice.variant.map { "\(best.base)+\($0)" } ?? best.base) == EE_OK
    }

    private static func wordTimings(tokens: [Token], events: [(textPosition: Int, sample: Int)],
                                    samples: [Float], rateHz: Int) -> [(index: Int, word: SynthesizedSpeech.Word)] {
        var starts: [(token: Token, sample: Int)] = []
        for event in events {
            let offset = event.textPosition - 1
            guard let token = tokens.first(where: { $0.scalarRange.contains(offset) }), !token.label.isEmpty,
                  starts.last?.token.index != token.index else { continue }
            starts.append((token, event.sample))
        }
        let frame = max(1, rateHz / 100)
        let threshold = pow(10, Float(-45) / 20)
        return starts.enumerated().map { position, start in
            let limit = position + 1 < starts.count ? starts[position + 1].sample : samples.count
            var end = start.sample
            var frameStart = start.sample
            while frameStart < limit {
                let frameEnd = min(frameStart + frame, limit)
                var energy: Float = 0
                for index in frameStart..<frameEnd { energy += samples[index] * samples[index] }
                if (energy / Float(frameEnd - frameStart)).squareRoot() > threshold { end = frameEnd }
                frameStart = frameEnd
            }
            let seconds = { (sample: Int) in Double(sample) / Double(rateHz) }
            return (start.token.index, SynthesizedSpeech.Word(word: start.token.label, startSeconds: seconds(start.sample),
                                                              endSeconds: seconds(max(end, start.sample + 1))))
        }
    }
}

/// Receives espeak-ng's audio and events; reached through the `user_data` of each event.
private final class Collector {
    var samples: [Int16] = []
    var wordEvents: [(textPosition: Int, sample: Int)] = []
}

private func collectSamples(_ wave: UnsafeMutablePointer<Int16>?, _ count: Int32,
                            _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let events, let user = events.pointee.user_data else { return 0 }
    let collector = Unmanaged<Collector>.fromOpaque(user).takeUnretainedValue()
    var event = events
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        if event.pointee.type == espeakEVENT_WORD {
            collector.wordEvents.append((Int(event.pointee.text_position), Int(event.pointee.sample)))
        }
        event += 1
    }
    if let wave, count > 0 {
        collector.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)))
    }
    return 0
}

/// A whitespace-separated piece of the input text, with its label (punctuation stripped).
struct Token {
    let index: Int
    let label: String
    let scalarRange: Range<Int>

    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = "", start = 0, offset = 0
        func flush() {
            if !current.isEmpty {
                let label = current.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
                tokens.append(Token(index: tokens.count, label: label, scalarRange: start..<offset))
            }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) {
                flush()
                start = offset + 1
            } else {
                current.unicodeScalars.append(scalar)
            }
            offset += 1
        }
        flush()
        return tokens
    }
}
