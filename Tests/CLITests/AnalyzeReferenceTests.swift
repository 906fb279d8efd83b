import Foundation
import SpeechTestSupport
import Testing

/// `speakwell analyze LEARNER --reference REF ...` end to end, through the built executable.
@Suite struct AnalyzeReferenceTests {
    struct Run { var status: Int32; var stdout: String; var stderr: String }

    func speakwell(_ arguments: [String]) throws -> Run {
        let result = try CommandRunner.run("speakwell", arguments)
        return Run(status: result.exitCode, stdout: result.standardOutput, stderr: result.standardError)
    }

    @Test func twoReferencesGiveWordScoresWithTheOmittedWordFlagged() throws {
        let run = try speakwell(["analyze", PronunciationFixtures.path("learner-errors.wav"),
                                 "--reference", PronunciationFixtures.path("ref-m1.wav"),
                                 "--reference", PronunciationFixtures.path("ref-f2.wav"), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let pronunciation = try #require(json["pronunciation"] as? [String: Any])
        #expect(pronunciation["reference_count"] as? Int == 2)
        let words = try #require(pronunciation["words"] as? [[String: Any]])
        let truth = try PronunciationFixtures.truth("learner-errors.wav")
        #expect(words.count >= truth.words.count)
        let about = try #require(words.first { $0["word"] as? String == "about" })
        #expect(about["status"] as? String == "omitted")
        #expect(about["start_s"] is NSNull)
    }

    @Test func mispronouncedWordsCarryTheirLikelyErrorInTheSchemaAndTheTable() throws {
        let arguments = ["analyze", PronunciationFixtures.path("learner-errors.wav"),
                         "--reference", PronunciationFixtures.path("ref-m1.wav"), "--reference", PronunciationFixtures.path("ref-f2.wav")]
        let run = try speakwell(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try AnalyzeCommandTests.schema.violations(of: Data(run.stdout.utf8)) == [])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let words = try #require((json["pronunciation"] as? [String: Any])?["words"] as? [[String: Any]])
        let thin = try #require(words.first { $0["word"] as? String == "thin" })
        let error = try #require(thin["likely_error"] as? [String: Any])
        #expect(error["rule"] as? String == "consonant_substitution" && error["expected"] as? String == "θ" && error["said"] as? String == "t")
        let table = try speakwell(arguments)
        #expect(table.stdout.contains("(likely θ -> t)"), "\(table.stdout)")
    }

    @Test func tableShowsOneRowPerWordWithoutColourWhenNotATerminal() throws {
        let run = try speakwell(["analyze", PronunciationFixtures.path("learner-correct.wav"),
                                 "--reference", PronunciationFixtures.path("ref-m1.wav")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("pronunciation"))
        for word in ["thin", "thought", "three", "ships"] { #expect(run.stdout.contains(word)) }
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test func referencesSayingDifferentWordsAreATypedInputError() throws {
        let folder = TestScratch.url("speakwell-refs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let other = folder.appendingPathComponent("other.wav")
        try FileManager.default.copyItem(atPath: PronunciationFixtures.path("ref-f2.wav"), toPath: other.path)
        try Data(#"[{"word":"hello","start_s":0.3,"end_s":1.0}]"#.utf8).write(to: folder.appendingPathComponent("other.words.json"))
        let run = try speakwell(["analyze", PronunciationFixtures.path("learner-correct.wav"),
                                 "--reference", PronunciationFixtures.path("ref-m1.wav"), "--reference", other.path, "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("references_disagree"))
    }

    @Test func missingReferenceFileIsATypedInputError() throws {
        let run = try speakwell(["analyze", PronunciationFixtures.path("learner-correct.wav"),
                                 "--reference", "/nonexistent/model.wav", "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"error\""))
        #expect(run.stderr.contains("/nonexistent/model.wav"))
    }

    /// `SPEAKWELL_PRONUNCIATION_MODEL` picks the model by name; a misspelt one stops a long-running command at start.
    @Test func environmentPicksThePronunciationModelAndABadNameStopsAWorker() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SPEAKWELL_PRONUNCIATION_MODEL"] = "v12"
        let analyzed = try CommandRunner.run("speakwell", ["analyze", PronunciationFixtures.path("learner-errors.wav"),
                                                           "--reference", PronunciationFixtures.path("ref-m1.wav"), "--format", "json"],
                                             environment: environment)
        #expect(analyzed.exitCode == 0, "\(analyzed.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(analyzed.standardOutput.utf8)) as? [String: Any])
        let pronunciation = try #require(json["pronunciation"] as? [String: Any])
        #expect(pronunciation["model_version"] as? String == "pronunciation-v12")
        #expect(pronunciation["posterior_temperature"] as? Double == 1)
        #expect(try AnalyzeCommandTests.schema.violations(of: Data(analyzed.standardOutput.utf8)) == [])

        environment["SPEAKWELL_PRONUNCIATION_MODEL"] = "newest"
        let directory = TestScratch.url("speakwell-model")
        defer { try? FileManager.default.removeItem(at: directory) }
        let worker = try CommandRunner.run("speakwell", ["worker", "--database", "sqlite:\(directory.path)/queue.sqlite",
                                                         "--recordings", directory.path], environment: environment, timeoutSeconds: 30)
        #expect(worker.exitCode == 1)
        #expect(worker.standardError.contains("SPEAKWELL_PRONUNCIATION_MODEL=newest: calibration_invalid"), "\(worker.standardError)")
    }
}
