import Foundation

/// Shows progress on stderr: a bar redrawn in place on a terminal, otherwise a plain line every few seconds
/// (so logs of unattended runs stay readable).
public final class ProgressReporter: @unchecked Sendable {
    private let isTerminal: Bool
    private let plainIntervalSeconds: Double
    private var lastPrinted: Double = -1_000
    private let lock = NSLock()

    public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1, plainIntervalSeconds: Double = 5) {
        self.isTerminal = isTerminal
        self.plainIntervalSeconds = plainIntervalSeconds
    }

    public func update(_ progress: BatchProgress) {
        lock.withLock {
            let now = progress.elapsedSeconds
            if isTerminal {
                guard now - lastPrinted >= 0.1 || progress.done == progress.total else { return }
                write("\r\u{1B}[K" + progress.line())
            } else {
                guard now - lastPrinted >= plainIntervalSeconds else { return }
                write(progress.line(barWidth: nil) + "\n")
            }
            lastPrinted = now
        }
    }

    public func finish(_ progress: BatchProgress, outputFolder: String) {
        lock.withLock {
            if isTerminal { write("\r\u{1B}[K" + progress.line() + "\n") }
            let succeeded = progress.done - progress.failed - progress.resumed
            write("batch finished: \(progress.total) items, \(succeeded) scored now, \(progress.failed) failed, "
                  + "\(progress.resumed) already done before; "
                  + String(format: "%.1f min of audio in %.1f s (%.0fx realtime)", progress.audioSeconds / 60,
                           progress.elapsedSeconds, progress.realtimeFactor)
                  + "\nresults: \(outputFolder)/results.jsonl, results.csv, errors.csv\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
