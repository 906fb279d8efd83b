import ArgumentParser
import Foundation
import SpeechSynthesis

/// Text-only exercises and automatic word timings synthesise speech through the `speakwell-espeak` helper
/// (docs/pronunciation.md "Reproducible synthesis"). A process that scores checks at start that the helper is
/// there, so that a deployment without it stops with a typed error rather than failing every such job.
enum SynthesisHelperCheck {
    static func validate() throws {
        do {
            try SpeechSynthesizer.checkHelper()
        } catch {
            FileHandle.standardError.write(Data("speakwell: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
