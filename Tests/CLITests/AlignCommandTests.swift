import Foundation
import SpeechTestSupport
import Testing

/// `speakwell align` and `speakwell analyze --text` end to end, through the built executable.
@Suite struct AlignCommandTests {
    /// A scratch folder holding a copy of `fixture` (so the sidecar is written there, not into AudioFixtures).
    func scratchCopy(of fixture: URL) throws -> URL {
        let folder = TestScratch.url("speakwell-align")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent(fixture.lastPathComponent)
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy
    }

    @Test func alignWritesWordsSidecarWithinHundredMillisecondsOfTruth() throws {
        let truth = try FixtureTruth.load("sentences/s03.truth.json")
        let wav = try scratchCopy(of: Fixtures.audio("sentences/s03.wav"))
        let run = try CommandRunner.run("speakwell", ["align", wav.path, "--text", try #require(truth.text)])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let sidecar = wav.deletingPathExtension().appendingPathExtension("words.json")
        let words = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [[String: Any]])
        let trueWords = try #require(truth.words)
        #expect(words.count == trueWords.count)
        var errors = BoundaryErrors()
        for (word, true_) in zip(words, trueWords) {
            errors.add(aligned: (word["start_s"] as? Double, word["end_s"] as? Double), truth: (true_.startSeconds, true_.endSeconds))
        }
        #expect(errors.fractionWithin(milliseconds: 100) >= 0.9, "\(errors.millisecondsOfPlaced)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect((printed["words"] as? [Any])?.count == trueWords.count)
    }

    @Test func alignTextGridFormatWritesWordsTier() throws {
        let truth = try FixtureTruth.load("sentences/s01.truth.json")
        let wav = try scratchCopy(of: Fixtures.audio("sentences/s01.wav"))
        let run = try CommandRunner.run("speakwell", ["align", wav.path, "--text", try #require(truth.text), "--format", "textgrid"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let grid = try String(contentsOf: wav.deletingPathExtension().appendingPathExtension("TextGrid"), encoding: .utf8)
        #expect(grid.contains("name = \"words\""))
        #expect(grid.contains("text = \"quick\""))
    }

    @Test func alignWithoutWordsGivesTypedErrorAndExitCodeOne() throws {
        let wav = try scratchCopy(of: Fixtures.audio("sentences/s01.wav"))
        let run = try CommandRunner.run("speakwell", ["align", wav.path, "--text", "..."])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("alignment_text_empty"))
    }

    @Test func analyzeWithTextAlignsReferenceWithoutSidecar() throws {
        let reference = try scratchCopy(of: URL(fileURLWithPath: PronunciationFixtures.path("ref-m1.wav")))
        let run = try CommandRunner.run("speakwell", ["analyze", PronunciationFixtures.path("learner-errors.wav"),
                                                      "--reference", reference.path, "--format", "json",
                                                      "--text", "The thin man thought about the three big ships."])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let pronunciation = try #require(json["pronunciation"] as? [String: Any])
        #expect(pronunciation["word_timings"] as? String == "aligned")
        #expect(pronunciation["reference_kind"] as? String == "recorded")
        let words = try #require(pronunciation["words"] as? [[String: Any]])
        #expect(words.contains { $0["word"] as? String == "about" && $0["status"] as? String == "omitted" })
    }

    @Test func analyzeWithTextAndNoReferenceScoresAgainstSyntheticVoices() throws {
        let run = try CommandRunner.run("speakwell", ["analyze", PronunciationFixtures.path("learner-correct.wav"), "--format", "json",
                                                      "--text", "The thin man thought about the three big ships."])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let pronunciation = try #require(json["pronunciation"] as? [String: Any])
        #expect(pronunciation["reference_kind"] as? String == "synthetic")
        #expect(pronunciation["reference_count"] as? Int == 3)
        #expect((pronunciation["words"] as? [Any])?.isEmpty == false)
    }
}
