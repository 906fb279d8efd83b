import Foundation

/// Paths into the repository for tests: fixtures, docs and the built executables.
public enum Fixtures {
    /// The repository root, found from this file's location (Tests/SpeechTestSupport/Fixtures.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under AudioFixtures/, e.g. `Fixtures.audio("speech/sentence1.wav")`.
    public static func audio(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("AudioFixtures").appendingPathComponent(relativePath)
    }

    /// A file under docs/.
    public static func docs(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("docs").appendingPathComponent(relativePath)
    }

    /// The folder holding the built products of this test run (`.build/debug` or `.build/release`).
    public static var productsDirectory: URL {
        // The test bundle is an executable next to the products on Linux.
        Bundle.main.bundleURL
    }

    /// Every file directly under `AudioFixtures/<folder>` whose name ends with `suffix`.
    public static func audioFiles(in folder: String, endingWith suffix: String) throws -> [URL] {
        let directory = audio(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
