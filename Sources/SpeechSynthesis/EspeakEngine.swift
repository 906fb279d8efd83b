import CEspeakNG
import Foundation
import Synchronization

/// libespeak-ng inside this process: one global engine (voice, parameters, callback) behind one lock.
///
/// Rendering audio here is reserved for the `speakwell-espeak` helper: espeak-ng's waveform generator keeps
/// state from one utterance to the next (the phase of its pitch flutter, `Flutter_ix` in wavegen.c, which
/// nothing resets, and more), so the same text said twice in one process comes out slightly differently.
/// `SpeechSynthesizer` therefore renders every utterance in a fresh helper process (`SynthesisProcess`).
/// Text-to-phoneme translation (`SpeechSynthesizer.phonemes(of:)`) does not run the waveform generator and stays in
/// this process.
package enum EspeakEngine {
    static let engine = Mutex<Int32>(0)   // espeak-ng's output rate once initialised

    /// Initialises espeak-ng on first use; call inside `engine.withLock`.
    static func start(_ rate: inout Int32) throws(SynthesisError) {
        guard rate <= 0 else { return }
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        guard rate > 0 else { throw .engineUnavailable() }
        espeak_SetSynthCallback(collectSamples)
    }

    /// Runs `body` with the engine started and `voice` selected.
    static func withVoice<T>(_ voice: SynthesisVoice, _ body: (Int32) throws(SynthesisError) -> T) throws(SynthesisError) -> T {
        try engine.withLock { (rate: inout Int32) throws(SynthesisError) -> T in
            try start(&rate)
            guard selectVoice(voice) else { throw .unknownVoice(voice.espeakName) }
            return try body(rate)
        }
    }

    /// espeak-ng's audio of `request` at its native rate, with its word events. Only the helper calls this.
    package static func render(_ request: SynthesisRequest) throws(SynthesisError) -> RenderedAudio {
        let collector = Collector()
        let rateHz = try withVoice(request.voice) { (rate: Int32) throws(SynthesisError) -> Int32 in
            espeak_SetParameter(espeakRATE, Int32(max(80, min(450, request.voice.rateWordsPerMinute))), 0)
            espeak_SetParameter(espeakPITCH, Int32(max(0, min(100, request.voice.pitch))), 0)
            var flags = UInt32(espeakCHARS_UTF8)
            if request.phonemeInput { flags |= UInt32(espeakPHONEMES) }
            let status = request.text.withCString { pointer in
                espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0, flags, nil,
                             Unmanaged.passUnretained(collector).toOpaque())
            }
            guard status == EE_OK else { throw .synthesisFailed("espeak_Synth returned \(status.rawValue)") }
            return rate
        }
        return RenderedAudio(rateHz: Int(rateHz), samples: collector.samples, wordEvents: collector.wordEvents)
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
}

/// Receives espeak-ng's audio and events; reached through the `user_data` of each event.
private final class Collector {
    var samples: [Int16] = []
    var wordEvents: [RenderedAudio.WordEvent] = []
}

private func collectSamples(_ wave: UnsafeMutablePointer<Int16>?, _ count: Int32,
                            _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let events, let user = events.pointee.user_data else { return 0 }
    let collector = Unmanaged<Collector>.fromOpaque(user).takeUnretainedValue()
    var event = events
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        if event.pointee.type == espeakEVENT_WORD {
            collector.wordEvents.append(RenderedAudio.WordEvent(textPosition: Int(event.pointee.text_position),
                                                                sample: Int(event.pointee.sample)))
        }
        event += 1
    }
    if let wave, count > 0 {
        collector.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)))
    }
    return 0
}
