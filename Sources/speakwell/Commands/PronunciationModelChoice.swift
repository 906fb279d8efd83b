import ArgumentParser
import Foundation
import SpeechAnalysis

/// `SPEAKWELL_PRONUNCIATION_MODEL` picks the pronunciation model of every process (docs/operations.md). Workers load
/// it lazily, at their first scoring job; a long-running process checks it at start instead, so that a misspelt name
/// stops `serve`, `worker` or `batch` with a typed error rather than failing every scoring job of a sitting.
enum PronunciationModelChoice {
    static let variable = "SPEAKWELL_PRONUNCIATION_MODEL"

    static func validate(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let chosen = environment[variable], !chosen.isEmpty else { return }
        let model: PronunciationCalibration
        do {
            model = try PronunciationCalibration.locateDefault(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("speakwell: \(variable)=\(chosen): \(error.codeString): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        // A model with a tempering gate (v13), a human-model term (v14) or an insertion check (v19) reads
        // PocketSphinx's acoustic model; without it every reading would silently be scored without that evidence.
        if model.posteriorTemperingGate != nil || model.readsHumanModelGoodness, case .failure(let error) = SphinxModels.debian {
            FileHandle.standardError.write(Data("speakwell: \(variable)=\(chosen): \(error.codeString): \(error.detail)\n".utf8))
            throw ExitCode(1)
        }
    }
}
