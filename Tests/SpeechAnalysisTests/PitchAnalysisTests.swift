import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP
import SpeechTestSupport
import Testing

@Suite("PitchAnalysis")
struct PitchAnalysisTests {
    func decode(_ name: String) throws -> DecodedAudio {
        try AudioDecoder().decode(path: PitchFixtures.audioPath(name))
    }

    func errors(_ name: String) throws -> PitchErrors {
        let track = PitchAnalysis().track(try decode(name))
        return PitchErrors(truth: try PitchFixtures.truth(name).f0Hz, estimate: track.f0Hz.map(Double.init))
    }

    @Test func cleanFixturesHaveGrossPitchErrorUnderTwoPercent() throws {
        let names = try PitchFixtures.names().filter { !$0.contains("dB") }
        #expect(names.count >= 4)
        for name in names {
            let result = try errors(name)
            #expect(result.bothVoicedFrames > 50, "\(name): too few voiced frames to judge")
            #expect(result.grossPitchError < 0.02, "\(name): GPE \(result.grossPitchError)")
        }
    }

    @Test func cleanFixturesHaveVoicingDecisionErrorUnderTwelvePercentPooled() throws {
        // Voicing edges and quiet phrase-final voicing are where every tracker disagrees with the construction
        // (Praat ac misses the same frames: docs/pitch.md), so one file may reach 20 %; pooled, under 12 %.
        var wrong = 0.0, frames = 0.0
        for name in try PitchFixtures.names().filter({ !$0.contains("dB") }) {
            let result = try errors(name)
            let count = Double(try PitchFixtures.truth(name).f0Hz.count)
            #expect(result.voicingDecisionError < 0.20, "\(name): VDE \(result.voicingDecisionError)")
            wrong += result.voicingDecisionError * count
            frames += count
        }
        #expect(frames > 0 && wrong / frames < 0.12, "pooled VDE \(wrong / frames)")
    }

    @Test func whiteNoiseAtTenDecibelsKeepsGrossPitchErrorUnderFivePercent() throws {
        let names = try PitchFixtures.names().filter { $0.contains("white10dB") }
        #expect(!names.isEmpty)
        for name in names {
            let result = try errors(name)
            #expect(result.grossPitchError < 0.05, "\(name): GPE \(result.grossPitchError)")
            // The clean copy of this sentence is the hardest for voicing (14 %); noise may add a little.
            #expect(result.voicingDecisionError < 0.25, "\(name): VDE \(result.voicingDecisionError)")
        }
    }

    @Test func summaryOfAKnownGlideMatchesItsConstruction() {
        // 200 Hz falling 2 semitones per second for 2 s: median 200 * 2^(-2/12), slope -2 st/s,
        // range (5-95 %) 0.9 * 4 st, SD of a uniform 4 st spread = 4 / sqrt(12).
        let samples = ToneSynthesis.harmonicTone(seconds: 2) { t in 200 * pow(2, -2 * t / 12) }
        let audio = DecodedAudio(samples: samples, sampleRateHz: 16_000, sourceSampleRateHz: 16_000, channels: 1,
                                 format: "test", clippedFraction: 0, warnings: [])
        let summary = PitchAnalysis.section(for: PitchAnalysis().track(audio)).summary
        let median = try! #require(summary.medianHz)
        #expect(abs(median - 200 * pow(2, -2.0 / 12)) < 2)
        #expect(abs((summary.slopeSemitonesPerSecond ?? 0) + 2) < 0.1)
        #expect(abs((summary.rangeSemitones ?? 0) - 3.6) < 0.2)
        #expect(abs((summary.sdSemitones ?? 0) - 4 / 12.0.squareRoot()) < 0.1)
    }

    @Test func summaryIsNullWhenNothingIsVoiced() throws {
        let track = PitchTrack(hopSeconds: 0.01, f0Hz: [Float](repeating: 0, count: 100),
                               voicingProbability: [Float](repeating: 0.1, count: 100))
        let section = PitchAnalysis.section(for: track)
        #expect(section.summary.medianHz == nil && section.summary.slopeSemitonesPerSecond == nil)
        let json = String(decoding: try JSONEncoder().encode(section), as: UTF8.self)
        #expect(json.contains("\"median_hz\":null") && json.contains("\"f0_hz\":[null,"))
    }

    @Test func analyzerFillsThePitchSectionOnlyWhenAsked() throws {
        let audio = try decode("mixed-00")
        let analyzer = SpeechAnalyzer()
        let document = analyzer.analyze(audio, request: AnalysisRequest(sections: [.pitch]))
        let pitch = try #require(document.pitch)
        #expect(pitch.hopSeconds == 0.01)
        #expect(pitch.f0Hz.count == pitch.voicing.count)
        #expect(abs(Double(pitch.f0Hz.count) * 0.01 - audio.durationSeconds) < 0.02)
        #expect(pitch.summary.medianHz != nil)
        #expect(analyzer.analyze(audio, request: AnalysisRequest(sections: [.speech])).pitch == nil)
    }
}
