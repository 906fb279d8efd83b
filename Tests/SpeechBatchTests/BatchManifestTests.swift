import Foundation
import SpeechBatch
import SpeechTestSupport
import Testing

@Suite struct BatchManifestTests {
    func write(_ text: String, name: String) throws -> URL {
        let folder = TestScratch.url("manifest")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func csvResolvesRelativePathsAndSplitsReferences() throws {
        let url = try write("""
            id,audio,reference
            s1,answers/s1.wav,models/a.wav;models/b.wav
            "s,2","answers/s 2.flac",
            s3,/abs/s3.mp3,models/a.wav
            """, name: "m.csv")
        let manifest = try BatchManifest.load(path: url.path)
        let folder = url.deletingLastPathComponent().path
        #expect(manifest.items.count == 3)
        #expect(manifest.items[0] == BatchItem(id: "s1", audioPath: "\(folder)/answers/s1.wav",
                                                referencePaths: ["\(folder)/models/a.wav", "\(folder)/models/b.wav"]))
        #expect(manifest.items[1].id == "s,2")
        #expect(manifest.items[1].audioPath == "\(folder)/answers/s 2.flac")
        #expect(manifest.items[1].referencePaths.isEmpty)
        #expect(manifest.items[2].audioPath == "/abs/s3.mp3")
    }

    @Test func jsonLinesAcceptsReferencesOrExercise() throws {
        let url = try write("""
            {"id":"a","audio":"a.wav","references":["r1.wav","r2.wav"]}

            {"id":"b","audio":"b.wav","exercise":"ex-7"}
            """, name: "m.jsonl")
        let manifest = try BatchManifest.load(path: url.path)
        #expect(manifest.items.map(\.id) == ["a", "b"])
        #expect(manifest.items[0].referencePaths.count == 2)
        #expect(manifest.items[1].exercise == "ex-7")
    }

    @Test func duplicateIdsAreRefusedWithTheLine() throws {
        let url = try write("id,audio\nx,1.wav\nx,2.wav\n", name: "dup.csv")
        #expect { try BatchManifest.load(path: url.path) } throws: { error in
            (error as? BatchError)?.code == "duplicateItem" && "\(error)".contains("\"x\"")
        }
    }

    @Test func missingColumnsExplainTheExpectedHeader() throws {
        let url = try write("name,file\nx,1.wav\n", name: "bad.csv")
        #expect { try BatchManifest.load(path: url.path) } throws: { error in
            (error as? BatchError)?.code == "manifestMalformed" && "\(error)".contains("id,audio,reference")
        }
    }

    @Test func brokenJSONLineIsReportedWithItsNumber() throws {
        let url = try write("{\"id\":\"a\",\"audio\":\"a.wav\"}\n{\"id\":3}\n", name: "bad.jsonl")
        #expect { try BatchManifest.load(path: url.path) } throws: { error in
            (error as? BatchError)?.code == "manifestMalformed" && "\(error)".contains("line 2")
        }
    }

    @Test func missingManifestIsUnreadable() {
        #expect { try BatchManifest.load(path: "/nonexistent/m.csv") } throws: { error in
            (error as? BatchError)?.code == "manifestUnreadable"
        }
    }
}
