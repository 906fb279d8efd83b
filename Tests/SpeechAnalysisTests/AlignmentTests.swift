import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// `ReferenceAligner`: word timings of a recording from its text, checked against the fixtures' true word
/// times (espeak-ng word events, exact by construction).
@Suite struct AlignmentTests {
    let aligner: ReferenceAligner

    init() throws {
        let calibration = try PronunciationCalibration.load(
            path: Fixtures.repositoryRoot.appendingPathComponent("Models/pronunciation/v1.json").path)
        aligner = ReferenceAligner(projection: calibration.projection)
    }

    func errors(of file: String, truth: FixtureTruth) throws -> BoundaryErrors {
        let audio = try AudioDecoder().decode(path: Fixtures.audio(file).path)
        let alignment = try aligner.align(samples: audio.samples, text: try #require(truth.text), name: file)
        let words = try #require(truth.words)
        #expect(alignment.words.map(\.word) == words.map(\.word))
        var errors = BoundaryErrors()
        for (aligned, true_) in zip(alignment.words, words) {
            errors.add(aligned: (aligned.startSeconds, aligned.endSeconds), truth: (true_.startSeconds, true_.endSeconds))
        }
        return errors
    }

    /// The eight fixture sentences: median boundary error at most 30 ms, at least 90 % within 100 ms.
    @Test func sentenceBoundariesWithinHundredMillisecondsOfTruth() throws {
        var all = BoundaryErrors()
        for k in 1...8 {
            let name = String(format: "sentences/s%02d", k)
            let e = try errors(of: name + ".wav", truth: try FixtureTruth.load(name + ".truth.json"))
            for ms in e.millisecondsOfPlaced { all.add(aligned: (0, ms / 1000), truth: (0, 0)) }
            for _ in 0..<(e.missed / 2) { all.add(aligned: (nil, nil), truth: (0, 0)) }
        }
        #expect(all.medianMilliseconds <= 30, "median \(all.medianMilliseconds) ms")
        #expect(all.fractionWithin(milliseconds: 100) >= 0.9, "\(all.fractionWithin(milliseconds: 100)) within 100 ms")
    }

    /// A passage with known pauses at 10 dB SNR (a voice and noise the aligner was not tuned on).
    @Test func noisyPassageBoundariesWithinHundredMillisecondsOfTruth() throws {
        let e = try errors(of: "passage/passage.snr10.flac", truth: try FixtureTruth.load("passage/passage.snr10.truth.json"))
        #expect(e.medianMilliseconds <= 40, "median \(e.medianMilliseconds) ms")
        #expect(e.fractionWithin(milliseconds: 100) >= 0.85, "\(e.fractionWithin(milliseconds: 100)) within 100 ms")
    }

    @Test func alignedWordsAreInOrderAndDoNotOverlap() throws {
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("ref-f2.wav"))
        let alignment = try aligner.align(samples: audio.samples, text: "The thin man thought about the three big ships.")
        let words = alignment.referenceWords
        #expect(words.count == 9)
        for (a, b) in zip(words, words.dropFirst()) { #expect(a.endSeconds <= b.startSeconds + 1e-9) }
        for word in words { #expect(word.endSeconds - word.startSeconds >= aligner.parameters.minimumWordSeconds) }
        #expect(alignment.unplacedWords.isEmpty)
    }

    @Test func emptyTextGivesTypedError() throws {
        let audio = try AudioDecoder().decode(path: Fixtures.audio("sentences/s01.wav").path)
        #expect(throws: AlignmentError.self) { try aligner.align(samples: audio.samples, text: " ... ") }
        do { _ = try aligner.align(samples: audio.samples, text: "!?") } catch { #expect(error.codeString == "alignment_text_empty") }
    }

    @Test func silentRecordingGivesTypedError() throws {
        do {
            _ = try aligner.align(samples: [Float](repeating: 0, count: 32_000), text: "hello there")
            Issue.record("a silent recording was aligned")
        } catch {
            #expect(error.codeString == "alignment_recording_silent")
        }
    }

    @Test func syntheticReferencesSayEveryWordOfThePrompt() throws {
        let text = "She sells fresh fish at the market every Thursday."
        let references = try SyntheticReferences.recordings(text: text)
        #expect(references.count == 3)
        for reference in references {
            let words = try #require(reference.words)
            #expect(words.map { $0.word.lowercased() } == ["she", "sells", "fresh", "fish", "at", "the", "market", "every", "thursday"])
            #expect(words.last!.endSeconds <= Double(reference.samples.count) / 16000)
        }
    }

    /// Text-only exercise: scored against synthetic voices, and the result says so.
    @Test func textOnlyExerciseIsScoredAgainstSyntheticReferences() throws {
        var configuration = AnalysisConfiguration()
        configuration.pronunciationModel = try PronunciationCalibration.load(
            path: Fixtures.repositoryRoot.appendingPathComponent("Models/pronunciation/v1.json").path)
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-correct.wav"))
        let request = AnalysisRequest(sections: [.pronunciation], text: "The thin man thought about the three big ships.")
        let document = SpeechAnalyzer(configuration: configuration).analyze(audio, request: request)
        let section = try #require(document.pronunciation, "\(document.audio.warnings)")
        #expect(section.referenceKind == "synthetic")
        #expect(section.wordTimings == "synthesis")
        #expect(section.words.filter { $0.status != .inserted }.count == 9)
    }

    /// A model recording without a sidecar is aligned to the text and its words are scored.
    @Test func referenceWithoutSidecarIsAlignedFromText() throws {
        var configuration = AnalysisConfiguration()
        configuration.pronunciationModel = try PronunciationCalibration.load(
            path: Fixtures.repositoryRoot.appendingPathComponent("Models/pronunciation/v1.json").path)
        let learner = try AudioDecoder().decode(path: PronunciationFixtures.path("learner-errors.wav"))
        let references = try ["ref-m1.wav", "ref-f2.wav"].map { name in
            let audio = try AudioDecoder().decode(path: PronunciationFixtures.path(name))
            return ReferenceRecording(name: name, samples: audio.samples, sampleRateHz: audio.sampleRateHz, words: nil)
        }
        let request = AnalysisRequest(sections: [.pronunciation], references: references,
                                      text: "The thin man thought about the three big ships.")
        let document = SpeechAnalyzer(configuration: configuration).analyze(learner, request: request)
        let section = try #require(document.pronunciation, "\(document.audio.warnings)")
        #expect(section.referenceKind == "recorded")
        #expect(section.wordTimings == "aligned")
        let about = try #require(section.words.first { $0.word == "about" })
        #expect(about.status == .omitted)
    }
}
