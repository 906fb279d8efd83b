import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechBatch
import SpeechTestSupport
import Testing

@Suite struct BatchLedgerTests {
    func folder() -> URL {
        TestScratch.url("ledger")
    }

    func document(seconds: Double) -> ResultDocument {
        let audio = DecodedAudio(samples: [Float](repeating: 0.1, count: Int(seconds * 16_000)), sampleRateHz: 16_000,
                                 sourceSampleRateHz: 44_100, channels: 2, format: "wav/pcm16", clippedFraction: 0, warnings: [])
        return ResultDocument(audio: AudioSection(audio))
    }

    @Test func eachItemIsRecordedExactlyOnceAcrossRestarts() throws {
        let output = folder()
        do {
            let ledger = try BatchLedger(folder: output)
            try ledger.record(id: "a", result: document(seconds: 1))
            try ledger.record(id: "b", errorCode: "tooShort", message: "the recording lasts 0.2 s")
            try ledger.record(id: "a", result: document(seconds: 2))
        }
        let reopened = try BatchLedger(folder: output)
        #expect(reopened.finishedIDs == ["a", "b"])
        try reopened.record(id: "b", errorCode: "silent", message: "again")
        try reopened.record(id: "c", result: document(seconds: 3))
        let entries = try reopened.entries()
        #expect(entries.map(\.id) == ["a", "b", "c"])
        #expect(entries[0].document?.audio.durationSeconds == 1)
        #expect(entries[1].error?.code == "tooShort")
    }

    @Test func tornLastLineFromAKillIsCutAndRedone() throws {
        let output = folder()
        do {
            let ledger = try BatchLedger(folder: output)
            try ledger.record(id: "a", result: document(seconds: 1))
        }
        let results = output.appendingPathComponent("results.jsonl")
        let handle = try FileHandle(forWritingTo: results)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"id\":\"b\",\"audio\":{\"dura".utf8))
        try handle.close()

        let reopened = try BatchLedger(folder: output)
        #expect(reopened.finishedIDs == ["a"])
        try reopened.record(id: "b", result: document(seconds: 2))
        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try reopened.entries().map(\.id) == ["a", "b"])
    }

    @Test func ledgerLinesAreResultDocumentsWithAnID() throws {
        let output = folder()
        let ledger = try BatchLedger(folder: output)
        try ledger.record(id: "item-1", result: document(seconds: 1.5))
        let line = try Data(contentsOf: ledger.resultsURL).split(separator: UInt8(ascii: "\n"))[0]
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["id"] as? String == "item-1")
        #expect(object["schema"] as? String == "speakwell.result/1")
        #expect((object["audio"] as? [String: Any])?["duration_s"] as? Double == 1.5)
    }

    @Test func csvViewsHoldEveryItemOnceAndTheErrorsApart() throws {
        let output = folder()
        let ledger = try BatchLedger(folder: output)
        try ledger.record(id: "ok,1", result: document(seconds: 2))
        try ledger.record(id: "bad", errorCode: "silent", message: "the recording is silent, check the microphone")
        try BatchTables.write(ledger.entries(), to: output)
        let results = try String(contentsOf: output.appendingPathComponent("results.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(results.count == 3)
        #expect(results[0].hasPrefix("id,status,error_code,duration_s"))
        #expect(results[1].hasPrefix("\"ok,1\",succeeded,,2,"))
        #expect(results[2].hasPrefix("bad,failed,silent,"))
        let errors = try String(contentsOf: output.appendingPathComponent("errors.csv"), encoding: .utf8)
        #expect(errors == "id,code,message\nbad,silent,\"the recording is silent, check the microphone\"\n")
    }

    @Test func workerJSONGoesToTheLedgerAsItIsWithTheIDFirst() throws {
        let output = folder()
        let ledger = try BatchLedger(folder: output)
        let json = try document(seconds: 2.5).jsonData()
        try ledger.record(id: "item \"7\"", resultJSON: json)
        try ledger.record(id: "item \"7\"", resultJSON: json)
        let lines = try Data(contentsOf: ledger.resultsURL).split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 1)
        #expect(lines[0].starts(with: Data("{\"id\":\"item \\\"7\\\"\",".utf8)))
        let entries = try ledger.entries()
        #expect(entries.map(\.id) == ["item \"7\""])
        #expect(entries.first?.document == (try ResultDocument.decode(json: json)))
        try BatchTables.write(ledger.entries(), to: output)
        let results = try String(contentsOf: output.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(results.split(separator: "\n")[1].hasPrefix("\"item \"\"7\"\"\",succeeded,,2.5000,"))
    }
}
