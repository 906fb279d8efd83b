import Foundation
import SpeechQueue
import SpeechTestSupport
import Testing

@Suite struct RecordingStoreTests {
    func temporaryStore() throws -> RecordingStore {
        try RecordingStore(directory: TestScratch.url("speakwell-rec").path)
    }

    @Test func digestMatchesKnownSHA256() {
        #expect(RecordingStore.digest(of: Data("abc".utf8)).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func storedRecordingReadsBackVerified() throws {
        let store = try temporaryStore()
        let bytes = Data((0..<10_000).map { UInt8($0 % 251) })
        let digest = try store.store(bytes)
        #expect(try store.read(digest) == bytes)
        #expect(try store.store(bytes) == digest)
        #expect(store.contains(digest))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory + "/tmp")
        #expect(leftovers.isEmpty)
    }

    @Test func damagedRecordingIsRefused() throws {
        let store = try temporaryStore()
        let digest = try store.store(Data("speech".utf8))
        try Data("spee.h".utf8).write(to: URL(fileURLWithPath: store.path(for: digest)))
        #expect { try store.read(digest) } throws: { ($0 as? QueueError)?.codeString == "checksum_mismatch" }
    }

    @Test func missingRecordingIsNotFound() throws {
        let store = try temporaryStore()
        let digest = RecordingStore.digest(of: Data("never stored".utf8))
        #expect { try store.read(digest) } throws: { ($0 as? QueueError)?.codeString == "recording_not_found" }
        #expect(RecordingDigest(hex: "../etc/passwd") == nil)
    }
}
