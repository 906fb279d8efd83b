import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

@Suite struct FluencyMeasuresTests {
    /// 12 s file, speech 1...11 s (10 s total), silent pauses 3.0-3.5 and 6.0-7.2 s, a filled pause
    /// 9.0-9.3 s, 20 syllables.
    static let timing = SpeechTiming(
        durationSeconds: 12, leadingSilenceSeconds: 1, trailingSilenceSeconds: 1,
        speech: [.init(startSeconds: 1, endSeconds: 3), .init(startSeconds: 3.5, endSeconds: 6), .init(startSeconds: 7.2, endSeconds: 11)],
        pauses: [.init(startSeconds: 3, endSeconds: 3.5, kind: .silent), .init(startSeconds: 6, endSeconds: 7.2, kind: .silent),
                 .init(startSeconds: 9, endSeconds: 9.3, kind: .filled)],
        syllableTimesSeconds: (0..<20).map { 1.2 + Double($0) * 0.45 })

    @Test func measuresFollowTheirFormulas() {
        let f = FluencyMeasures.section(for: Self.timing)
        let phonation = 10 - 0.5 - 1.2 - 0.3
        #expect(f.syllableCount == 20)
        #expect(abs(f.speechRateSyllablesPerSecond - 2.0) < 1e-9)
        #expect(abs(f.articulationRateSyllablesPerSecond - 20 / phonation) < 1e-9)
        #expect(abs(f.phonationTimeRatio - phonation / 10) < 1e-9)
        #expect(abs(f.meanLengthOfRunSyllables - 5) < 1e-9)        // 4 runs between 3 pauses
        #expect(abs(f.pausesPerMinute - 12) < 1e-9)                // 2 silent pauses in 10 s
        #expect(abs(f.meanPauseSeconds - 0.85) < 1e-9)
        #expect(f.longPauseCount == 1)
        #expect(f.filledPauseCount == 1)
    }

    @Test func analyzerFillsSpeechAndFluencyOnlyWhenRequested() throws {
        let truth = try FluencyTruth.load("fluency1")
        let audio = try AudioDecoder().decode(path: Fixtures.audio(truth.recording("clean")).path)
        let analyzer = SpeechAnalyzer()
        let document = analyzer.analyze(audio)
        let speech = try #require(document.speech)
        let fluency = try #require(document.fluency)
        #expect(fluency.syllableCount == speech.syllables.count)
        #expect(fluency.filledPauseCount == speech.pauses.filter { $0.kind == .filled }.count)
        let trueRate = Double(truth.syllableCount) / (truth.speechEndSeconds - truth.speechStartSeconds)
        #expect(abs(fluency.speechRateSyllablesPerSecond - trueRate) / trueRate <= 0.08,
                "speech rate \(fluency.speechRateSyllablesPerSecond) vs truth \(trueRate)")
        let pitchOnly = analyzer.analyze(audio, request: AnalysisRequest(sections: [.pitch]))
        #expect(pitchOnly.speech == nil && pitchOnly.fluency == nil)
    }
}
