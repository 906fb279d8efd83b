import Foundation
import SpeechTestSupport
import Testing

/// `speakwell analyze` as a user runs it: the real executable, real fixtures, SPEC's exit codes.
@Suite struct AnalyzeCommandTests {
    static let schema = try! JSONSchemaValidator(schemaURL: Fixtures.docs("result-schema.json"))

    @Test(arguments: ["sentences/s01.wav", "sine/sine440.44k1-stereo.wav", "sine/sine440.opus.opus",
                      "passage/passage.wav", "real/goforward.wav", "bad/clipped.wav"])
    func jsonOutputConformsToTheResultSchema(_ fixture: String) throws {
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio(fixture).path, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let violations = try Self.schema.violations(of: Data(result.standardOutput.utf8))
        #expect(violations.isEmpty, "\(fixture): \(violations)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "speakwell.result/1")
    }

    @Test func jsonReportsTheSourceFormatAndDuration() throws {
        let truth = try FixtureTruth.load("sentences/s01.truth.json")
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio("sentences/s01.wav").path, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let audio = try #require(document["audio"] as? [String: Any])
        #expect(audio["sample_rate_hz"] as? Int == 16_000)
        #expect(audio["source_sample_rate_hz"] as? Int == truth.sampleRateHz)
        #expect(audio["format"] as? String == "wav/pcm16")
        let duration = try #require(audio["duration_s"] as? Double)
        #expect(abs(duration - (truth.durationSeconds ?? 0)) < 0.001)
    }

    @Test func badInputExitsOneWithTypedErrorOnStderrAndJSON() throws {
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio("bad/too-short.wav").path, "--format", "json"])
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("tooShort"))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let error = try #require(body["error"] as? [String: Any])
        #expect(error["code"] as? String == "tooShort")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func badInputInTableModePrintsOnlyToStderr() throws {
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio("bad/not-audio.wav").path])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("unsupportedContainer"))
    }

    @Test(arguments: [["analyze"], ["analyze", "x.wav", "--format", "xml"], ["frobnicate"],
                      ["analyze", "x.wav", "--max-duration", "-1"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try CommandRunner.run("speakwell", arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.exitCode) \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CommandRunner.run("speakwell", ["analyze", "--help"])
        #expect(help.exitCode == 0)
        #expect(help.standardOutput.contains("Examples"))
        let version = try CommandRunner.run("speakwell", ["--version"])
        #expect(version.exitCode == 0)
        #expect(version.standardOutput.split(separator: ".").count == 3)
    }

    @Test func tableShowsDurationAndClippingWarning() throws {
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio("bad/clipped.wav").path])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("duration"))
        #expect(result.standardOutput.contains("warning"))
        #expect(result.standardOutput.contains("clipped"))
    }
}
