import ArgumentParser
import Foundation

/// Maps outcomes to SPEC's exit codes: 0 success, 1 analysis failed on bad input, 2 usage.
/// (ArgumentParser's own default for usage errors is 64; the contract says 2.)
@main
enum Entry {
    static func main() async {
        do {
            var command = try Speakwell.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as InputFailure {
            exit(Int32(failure.exitCode))
        } catch {
            let code = Speakwell.exitCode(for: error)
            if code == .success {
                Speakwell.exit(withError: error)
            }
            if let exitCode = error as? ExitCode {
                exit(exitCode.rawValue)
            }
            FileHandle.standardError.write(Data((Speakwell.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
    }
}

/// Thrown after the command has already reported a bad-input failure; carries the exit code only.
struct InputFailure: Error {
    let exitCode = 1
}
