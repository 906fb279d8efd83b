import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// A worker scores every learner of an exercise against the same model recordings: with an `identity` on
/// each reference they are prepared once per analyzer, and the scores are the ones a fresh preparation gives.
@Suite struct PreparedReferenceCacheTests {
    func reference(_ name: String, identity: String?) throws -> ReferenceRecording {
        let path = PronunciationFixtures.path(name)
        let audio = try AudioDecoder().decode(path: path)
        let words = try ReferenceWordsSidecar.load(forReference: path, durationSeconds: audio.durationSeconds)
        return ReferenceRecording(name: name, samples: audio.samples, sampleRateHz: audio.sampleRateHz, words: words,
                                  identity: identity)
    }

    func analyzer() throws -> SpeechAnalyzer {
        var configuration = AnalysisConfiguration()
        configuration.pronunciationModel = try PronunciationCalibration.load(
            path: PronunciationFixtures.repositoryRoot.appendingPathComponent("Models/pronunciation/v1.json").path)
        return SpeechAnalyzer(configuration: configuration)
    }

    @Test func referencesWithIdentityArePreparedOnceAndScoreAsFreshOnes() throws {
        let learners = try ["learner-correct.wav", "learner-errors.wav", "learner-correct.wav"].map {
            try AudioDecoder().decode(path: PronunciationFixtures.path($0))
        }
        let named = AnalysisRequest(references: [try reference("ref-f2.wav", identity: "f2"), try reference("ref-m1.wav", identity: "m1")])
        let anonymous = AnalysisRequest(references: [try reference("ref-f2.wav", identity: nil), try reference("ref-m1.wav", identity: nil)])
        let cached = try analyzer(), uncached = try analyzer()
        for learner in learners {
            let reused = cached.analyze(learner, request: named)
            let fresh = uncached.analyze(learner, request: anonymous)
            #expect(reused.audio.warnings.isEmpty, "\(reused.audio.warnings)")
            #expect(reused.pronunciation != nil)
            #expect(reused.pronunciation == fresh.pronunciation)
            #expect(reused.pronunciation?.wordTimings == "sidecar")
        }
        #expect(cached.preparedReferenceCounts.prepared == 1 && cached.preparedReferenceCounts.reused == 2)
        #expect(uncached.preparedReferenceCounts.prepared == 3 && uncached.preparedReferenceCounts.reused == 0)
    }

    @Test func otherWordTimingsForTheSameRecordingArePreparedAgain() throws {
        let learner = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-correct.wav"))
        let full = try reference("ref-f2.wav", identity: "f2")
        var shorter = full
        shorter.words = Array(full.words!.prefix(4))
        let cached = try analyzer()
        _ = cached.analyze(learner, request: AnalysisRequest(references: [full]))
        let document = cached.analyze(learner, request: AnalysisRequest(references: [shorter]))
        #expect(document.pronunciation?.words.filter { $0.status != .inserted }.count == 4)
        #expect(cached.preparedReferenceCounts.prepared == 2 && cached.preparedReferenceCounts.reused == 0)
    }
}
