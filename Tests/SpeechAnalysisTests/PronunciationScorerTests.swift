import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

@Suite struct PronunciationScorerTests {
    let calibration: PronunciationCalibration
    let scorer: PronunciationScorer
    let references: ReferenceSet

    init() throws {
        calibration = try PronunciationCalibration.load(
            path: PronunciationFixtures.repositoryRoot.appendingPathComponent("Models/pronunciation/v1.json").path)
        scorer = PronunciationScorer(calibration: calibration)
        references = try scorer.prepare(["ref-m1.wav", "ref-f2.wav"].map { try Self.reference($0) })
    }

    static func reference(_ name: String, withWords: Bool = true) throws -> ReferenceRecording {
        let path = PronunciationFixtures.path(name)
        let audio = try AudioDecoder().decode(path: path)
        let words = withWords ? try ReferenceWordsSidecar.load(forReference: path, durationSeconds: audio.durationSeconds) : nil
        return ReferenceRecording(name: name, samples: audio.samples, sampleRateHz: audio.sampleRateHz, words: words,
                                  f0: F0Track(hopSeconds: 0.01, zeroUnvoiced: try PronunciationFixtures.f0(name)))
    }

    func score(_ learner: String) throws -> PronunciationSection {
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path(learner))
        return try scorer.score(learner: audio.samples, learnerF0: F0Track(hopSeconds: 0.01, zeroUnvoiced: try PronunciationFixtures.f0(learner)),
                                references: references)
    }

    @Test func everyReferenceWordGetsOneScoredEntryInOrder() throws {
        let section = try score("learner-correct.wav")
        let truth = try PronunciationFixtures.truth("learner-correct.wav")
        #expect(section.words.filter { $0.status != .inserted }.map(\.word) == truth.words.map(\.word))
        #expect(section.words.allSatisfy { (0...100).contains($0.score) })
        #expect(section.modelVersion == calibration.version)
        #expect(section.referenceCount == 2)
    }

    @Test func correctReadingWordTimesWithinEightyMillisecondsOfTruth() throws {
        let section = try score("learner-correct.wav")
        let truth = try PronunciationFixtures.truth("learner-correct.wav")
        var errors = [Double]()
        for (word, expected) in zip(section.words.filter { $0.status != .inserted }, truth.words) {
            let start = try #require(word.startSeconds), end = try #require(word.endSeconds)
            errors += [abs(start - expected.start_s!), abs(end - expected.end_s!)]
        }
        let sorted = errors.sorted()
        #expect(sorted[sorted.count / 2] <= 0.04, "median boundary error \(sorted[sorted.count / 2]) s")
        #expect(sorted.last! <= 0.08, "largest boundary error \(sorted.last!) s")
    }

    @Test func correctReadingIsCompleteWithNoOmissionOrInsertion() throws {
        let section = try score("learner-correct.wav")
        #expect(section.completeness == 100)
        #expect(!section.words.contains { $0.status == .omitted || $0.status == .inserted })
    }

    @Test func omittedWordIsFlaggedOmittedWithNullLearnerTimes() throws {
        let section = try score("learner-errors.wav")
        let about = try #require(section.words.first { $0.word == "about" })
        #expect(about.status == .omitted)
        #expect(about.startSeconds == nil && about.endSeconds == nil)
        #expect(section.completeness < 100)
    }

    @Test func mispronouncedWordsScoreLowerThanTheSameWordsReadCorrectly() throws {
        let correct = try score("learner-correct.wav"), errors = try score("learner-errors.wav")
        let truth = try PronunciationFixtures.truth("learner-errors.wav")
        for wrong in truth.words where wrong.status == "mispronounced" {
            let good = try #require(correct.words.first { $0.word == wrong.word })
            let bad = try #require(errors.words.first { $0.word == wrong.word })
            #expect(bad.score < good.score, "\(wrong.word): \(bad.score) vs \(good.score)")
        }
    }

    @Test func readingWithErrorsScoresLowerOverall() throws {
        let correct = try score("learner-correct.wav"), errors = try score("learner-errors.wav")
        #expect(errors.overall < correct.overall)
        #expect(errors.accuracy < correct.accuracy)
    }

    @Test func intonationIsMeasuredWhenF0TracksAreGiven() throws {
        let section = try score("learner-correct.wav")
        let intonation = try #require(section.intonation)
        #expect(intonation > 50)
    }

    @Test func withoutWordTimingsOnlyUtteranceScoresAndWorstSegments() throws {
        let plain = try scorer.prepare([try Self.reference("ref-m1.wav", withWords: false)])
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-errors.wav"))
        let section = try scorer.score(learner: audio.samples, learnerF0: nil, references: plain)
        #expect(section.words.isEmpty)
        #expect(section.intonation == nil)
        let segments = try #require(section.worstSegments)
        #expect(segments.count == 3)
        #expect(segments.allSatisfy { $0.endSeconds > $0.startSeconds && $0.endSeconds <= audio.durationSeconds })
    }

    @Test func silentLearnerGivesLearnerSilentError() throws {
        let silence = [Float](repeating: 0, count: 16000)
        #expect {
            _ = try scorer.score(learner: silence, learnerF0: nil, references: references)
        } throws: { ($0 as? PronunciationError)?.codeString == "learner_silent" }
    }

    @Test func referencesWithDifferentWordsAreRefused() throws {
        var other = try Self.reference("ref-f2.wav")
        other.words![0].word = "a"
        #expect {
            _ = try scorer.prepare([try Self.reference("ref-m1.wav"), other])
        } throws: { ($0 as? PronunciationError)?.codeString == "references_disagree" }
    }

    @Test func resultJSONKeepsContractFieldsAndNullTimesOfOmittedWords() throws {
        let section = try score("learner-errors.wav")
        let json = try #require(String(data: try JSONEncoder().encode(section), encoding: .utf8))
        for key in ["\"overall\"", "\"accuracy\"", "\"fluency\"", "\"intonation\"", "\"rhythm\"", "\"completeness\"", "\"words\"",
                    "\"ref_start_s\"", "\"ref_end_s\"", "\"status\"", "\"start_s\":null"] {
            #expect(json.contains(key), "missing \(key)")
        }
    }
}
