import Foundation
@testable import SpeechSynthesis
import Testing
import SpeechTestSupport

/// The helper process that renders every utterance: same request, same audio, whatever came before.
@Suite struct SynthesisProcessTests {
    let short = SynthesisRequest(text: "ten of clubs", voice: SynthesisVoice(name: "en-gb", variant: "f2", rateWordsPerMinute: 155),
                                 phonemeInput: false)

    /// espeak-ng said the same short text differently after a long one when both ran in one process
    /// (its pitch flutter's phase carries over); a text-only exercise then scored 33 or 55 depending on the worker.
    @Test func theSameRequestGivesTheSameAudioWhateverWasSaidBefore() throws {
        let first = try SynthesisProcess.render(short)
        let long = SynthesisRequest(text: "Please call Stella and ask her to bring these things with her from the store: "
                                    + "six spoons of fresh snow peas, five thick slabs of blue cheese.", voice: short.voice, phonemeInput: false)
        _ = try SynthesisProcess.render(long)
        let again = try SynthesisProcess.render(short)
        #expect(first.samples.count > 8_000)
        #expect(first == again)
        // The comparison can fail: one step of pitch is a different waveform.
        var higher = short
        higher.voice.pitch += 1
        #expect(try SynthesisProcess.render(higher).samples != first.samples)
    }

    @Test func aMissingHelperIsATypedErrorThatSaysHowToFixIt() {
        #expect { try SynthesisProcess.render(short, helper: "/nonexistent/speakwell-espeak") } throws: { error in
            guard let error = error as? SynthesisError else { return false }
            return error.code == "helperUnavailable" && error.message.contains("SPEAKWELL_ESPEAK_HELPER")
        }
    }

    @Test func aHelperThatFailsWithoutAReportIsATypedErrorWithItsStatus() {
        #expect { try SynthesisProcess.render(short, helper: "/bin/false") } throws: { error in
            guard let error = error as? SynthesisError else { return false }
            return error.code == "synthesisFailed" && error.message.contains("status 1")
        }
    }

    /// espeak-ng crashing on odd text ends the helper, not the caller: the caller gets a typed error naming the signal.
    @Test func aHelperThatCrashesIsATypedErrorAndTheCallerGoesOn() throws {
        let folder = TestScratch.url("speakwell-crash")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let crashing = folder.appendingPathComponent("speakwell-espeak").path
        try "#!/bin/sh\nkill -SEGV $$\n".write(toFile: crashing, atomically: true, encoding: .utf8)
        chmod(crashing, 0o755)
        #expect { try SynthesisProcess.render(short, helper: crashing) } throws: { error in
            guard let error = error as? SynthesisError else { return false }
            return error.code == "synthesisFailed" && error.message.contains("signal \(SIGSEGV)")
        }
        #expect(try SynthesisProcess.render(short).samples.count > 8_000)
    }

    @Test func theHelpersOwnErrorsComeBackTyped() {
        var unknown = short
        unknown.voice = SynthesisVoice(name: "xx-nowhere")
        #expect { try SynthesisProcess.render(unknown) } throws: { ($0 as? SynthesisError)?.code == "unknownVoice" }
    }

    @Test func aChildPastItsDeadlineIsKilled() throws {
        let started = Date()
        let run = try ChildRun(path: "/bin/sleep", arguments: ["20"], timeoutSeconds: 0.3)
        #expect(run.timedOut)
        #expect(run.termination == .signalled(SIGKILL))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aChildsOutputAndErrorAreCollectedApart() throws {
        let run = try ChildRun(path: "/bin/sh", arguments: ["-c", "printf out; printf err >&2; exit 4"], timeoutSeconds: 10)
        #expect(String(decoding: run.output, as: UTF8.self) == "out")
        #expect(run.errorText == "err")
        #expect(run.termination == .exited(4))
    }

    @Test func theHelperPathComesFromTheEnvironmentOrSitsNextToTheExecutable() {
        #expect(SynthesisProcess.helperPath(environment: ["SPEAKWELL_ESPEAK_HELPER": "/opt/x/helper"]) == "/opt/x/helper")
        let beside = SynthesisProcess.helperPath(environment: [:])
        #expect(beside.hasSuffix("/speakwell-espeak"))
        #expect(FileManager.default.isExecutableFile(atPath: beside), "build it: swift build --product speakwell-espeak")
    }

    @Test func renderedAudioSurvivesItsBinaryForm() {
        let audio = RenderedAudio(rateHz: 22_050, samples: [0, -1, 32767, -32768, 5],
                                  wordEvents: [.init(textPosition: 1, sample: 0), .init(textPosition: 5, sample: 3)])
        #expect(RenderedAudio(encoded: audio.encoded()) == audio)
        #expect(RenderedAudio(encoded: Array(audio.encoded().dropLast())) == nil)
        #expect(RenderedAudio(encoded: Array("SWE2".utf8) + Array(audio.encoded().dropFirst(4))) == nil)
    }
}
