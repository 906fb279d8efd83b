import Foundation
import SpeechAudio
import SpeechTestSupport
import Testing

/// A 440 Hz sine in every container, bit depth, rate and channel layout must come out as 16 kHz mono
/// with its frequency intact: this checks libsndfile's reading, the down-mix and the soxr resampler.
@Suite struct FormatDecodingTests {
    static let sine = try! FixtureTruth.load("sine/sine440.truth.json")

    @Test(arguments: sine.variants ?? [])
    func sineSurvivesEveryFormatWithinHalfHertz(_ variant: FixtureTruth.Variant) throws {
        let audio = try AudioDecoder().decode(path: Fixtures.audio("sine/\(variant.file)").path)
        #expect(audio.sampleRateHz == 16_000)
        #expect(audio.sourceSampleRateHz == variant.sampleRateHz)
        #expect(audio.channels == variant.channels)
        // Lossy codecs add encoder delay/padding; lossless files must keep their length to the sample.
        let lengthTolerance = variant.lossy ? 0.08 : 1.0 / 8000
        #expect(abs(audio.durationSeconds - variant.durationSeconds) <= lengthTolerance,
                "\(variant.file): \(audio.durationSeconds) s, truth \(variant.durationSeconds) s")
        let frequency = try #require(ToneAnalysis.sineFrequencyHz(audio.samples, sampleRateHz: audio.sampleRateHz))
        #expect(abs(frequency - (Self.sine.frequencyHz ?? 440)) <= 0.5, "\(variant.file): \(frequency) Hz")
        // -6 dBFS in, so the peak must stay near 0.5; stereo is averaged, not summed (that would give 1.0).
        // Lossy codecs overshoot at the onset (Opus by ~3 dB), so they get a wider band.
        let peak = ToneAnalysis.peak(audio.samples)
        let peakLimit: Float = variant.lossy ? 0.8 : 0.56
        #expect(peak > 0.45 && peak < peakLimit, "\(variant.file): peak \(peak)")
        #expect(audio.clippedFraction == 0)
    }

    @Test(arguments: ["sine/sine440.pcm16.wav", "sine/sine440.flac.flac", "sine/sine440.vorbis.ogg",
                      "sine/sine440.opus.opus", "sine/sine440.mp3.mp3", "sine/sine440.44k1-stereo.wav"])
    func bytesInMemoryDecodeExactlyLikeTheFile(_ path: String) throws {
        let url = Fixtures.audio(path)
        let fromFile = try AudioDecoder().decode(path: url.path)
        let fromBytes = try AudioDecoder().decode(bytes: Data(contentsOf: url))
        #expect(fromFile.samples == fromBytes.samples)
        #expect(fromFile.format == fromBytes.format)
    }

    /// The same spoken sentence in every format (formats/variants.json names its WAV source) decodes to
    /// the same length and, for lossless variants, to nearly the same samples after resampling.
    @Test func speechFormatVariantsAgreeWithTheirSource() throws {
        struct Variants: Decodable { let source: String; let variants: [Entry] }
        struct Entry: Decodable { let file: String }
        let manifest = try JSONDecoder().decode(Variants.self, from: Data(contentsOf: Fixtures.audio("formats/variants.json")))
        let original = try AudioDecoder().decode(path: Fixtures.audio(manifest.source).path)
        #expect(manifest.variants.count >= 10)
        for entry in manifest.variants {
            let variant = try AudioDecoder().decode(path: Fixtures.audio("formats/\(entry.file)").path)
            #expect(abs(variant.durationSeconds - original.durationSeconds) < 0.1,
                    "\(entry.file): \(variant.durationSeconds) s vs \(original.durationSeconds) s")
            #expect(variant.sampleRateHz == 16_000)
        }
    }
}
