import Foundation

/// Where tests put their scratch files and folders: one folder per test process under the system's temporary
/// directory, removed when the process exits. Tests that made their own folders left them behind (a SQLite queue's
/// `-wal` and `-shm` files, batch outputs, the server's data folder: thousands of entries in /tmp after a few runs);
/// here nothing a test writes outlives the run, whatever the test's outcome. A crashed run leaves its folder, named
/// by its process id.
public enum TestScratch {
    /// `speakwell-tests-PID` in the temporary directory, created on first use; removed at exit.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speakwell-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return url
    }()

    /// A fresh path `root/PREFIX-UUID` for a file or folder (not created).
    public static func url(_ prefix: String) -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }
}
