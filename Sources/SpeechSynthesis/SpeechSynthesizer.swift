import Foundation
import SpeechAudio
import SpeechDSP
import Synchronization

/// Text to speech with libespeak-ng, reporting where each word starts in the audio.
///
/// Every utterance is rendered in a fresh `speakwell-espeak` process (`SynthesisProcess`), so the same request
/// gives the same samples in every process and at any time; that makes the results a small process-wide cache
/// can keep. Word starts are espeak-ng's own `espeakEVENT_WORD` sample positions (exact by construction);
/// a word ends at the last 10 ms frame above -45 dBFS before the next word starts.
public enum SpeechSynthesizer {
    /// Utterances kept, least recently used first out: a worker says each exercise's prompt in a few voices.
    /// At most 64, and at most 8 M samples in all (32 MB, about 8 minutes of speech).
    static let cacheCapacity = 64
    static let cacheSampleLimit = 8_000_000
    static let cache = Mutex(RecentlyUsed<SynthesisRequest, SynthesizedSpeech>(capacity: cacheCapacity, costLimit: cacheSampleLimit))

    /// Throws `helperUnavailable` when the `speakwell-espeak` helper is not where synthesis will look for it.
    public static func checkHelper() throws(SynthesisError) {
        try SynthesisProcess.checkedHelper()
    }

    /// - Parameters:
    ///   - text: what to say; `[[...]]` spans are espeak-ng phoneme mnemonics when `phonemeInput` is set.
    ///   - voice: voice, variant, rate (80 ... 450 wpm) and pitch (0 ... 100).
    /// - Throws: `SynthesisError` (`emptyText`, `unknownVoice`, `textTooLong`, `helperUnavailable`,
    ///   `engineUnavailable`, `synthesisFailed`).
    public static func synthesize(_ text: String, voice: SynthesisVoice = SynthesisVoice(),
                                  phonemeInput: Bool = false) throws(SynthesisError) -> SynthesizedSpeech {
        let tokens = Token.split(text)
        guard tokens.contains(where: { !$0.label.isEmpty }) else { throw .emptyText() }
        let request = SynthesisRequest(text: text, voice: voice, phonemeInput: phonemeInput)
        if let hit = cache.withLock({ $0.value(for: request) }) { return hit }
        let rendered = try SynthesisProcess.render(request)
        let native = rendered.samples.map { Float($0) / 32768 }
        let words = wordTimings(tokens: tokens, events: rendered.wordEvents, samples: native, rateHz: rendered.rateHz)
        let samples: [Float]
        do { samples = try Resampling.toAnalysisRate(native, rateHz: rendered.rateHz) } catch {
            throw .synthesisFailed(error.message)
        }
        let placed = Set(words.map(\.index))
        let speech = SynthesizedSpeech(samples: samples, sampleRateHz: DecodedAudio.analysisRateHz, voice: voice,
                                       words: words.map(\.word),
                                       unplacedWords: tokens.filter { !$0.label.isEmpty && !placed.contains($0.index) }.map(\.label))
        cache.withLock { $0.insert(speech, for: request, cost: speech.samples.count) }
        return speech
    }

    private static func wordTimings(tokens: [Token], events: [RenderedAudio.WordEvent],
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
