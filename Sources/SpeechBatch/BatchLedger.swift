import Foundation
import SpeechAnalysis

/// `results.jsonl` as the batch's durable ledger: one line per finished item (its result document
/// with an added `id`, or `{"id","error":{"code","message"}}`), appended as items finish.
///
/// Resuming reads the ledger back: complete lines name the finished items, and a torn last line
/// (the process was killed mid-write) is cut off, so every item appears exactly once.
/// `results.csv` and `errors.csv` are derived from the ledger, never appended to directly.
public final class BatchLedger {
    public let folder: URL
    public private(set) var finishedIDs: Set<String>
    private let handle: FileHandle
    private var linesSinceSync = 0

    public var resultsURL: URL { folder.appendingPathComponent("results.jsonl") }

    public init(folder: URL) throws(BatchError) {
        self.folder = folder
        let results = folder.appendingPathComponent("results.jsonl")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: results.path) {
                FileManager.default.createFile(atPath: results.path, contents: nil)
            }
            let existing = try Data(contentsOf: results)
            let (ids, validLength) = Self.completeLines(in: existing)
            finishedIDs = ids
            handle = try FileHandle(forUpdating: results)
            try handle.truncate(atOffset: UInt64(validLength))
            try handle.seekToEnd()
        } catch {
            throw .outputUnwritable(results.path, "\(error)")
        }
    }

    deinit { try? handle.synchronize(); try? handle.close() }

    /// Appends a finished item. Re-recording an item already in the ledger is ignored (exactly once).
    public func record(id: String, result: ResultDocument) throws(BatchError) {
        guard !finishedIDs.contains(id) else { return }
        do {
            try append(LedgerLine(id: id, document: result))
        } catch {
            throw .outputUnwritable(resultsURL.path, "\(error)")
        }
        finishedIDs.insert(id)
    }

    public func record(id: String, errorCode: String, message: String) throws(BatchError) {
        guard !finishedIDs.contains(id) else { return }
        do {
            try append(LedgerLine(id: id, error: .init(code: errorCode, message: message)))
        } catch {
            throw .outputUnwritable(resultsURL.path, "\(error)")
        }
        finishedIDs.insert(id)
    }

    /// Forces the ledger to disk (a kill -9 loses nothing already written; this guards power loss).
    public func synchronize() {
        try? handle.synchronize()
        linesSinceSync = 0
    }

    private func append(_ line: LedgerLine) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // One write per line: the line reaches the file whole or (if killed inside write) torn at its end.
        try handle.write(contentsOf: try encoder.encode(line) + Data("\n".utf8))
        linesSinceSync += 1
        if linesSinceSync >= 64 { synchronize() }
    }

    /// The ids of every complete line, and the byte length up to the end of the last complete line.
    static func completeLines(in data: Data) -> (Set<String>, Int) {
        var ids = Set<String>()
        var validLength = 0, lineStart = 0
        let bytes = [UInt8](data)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let line = Data(bytes[lineStart..<index])
            if let entry = try? JSONDecoder().decode(LedgerID.self, from: line) {
                ids.insert(entry.id)
                validLength = index + 1
            } else {
                break
            }
            lineStart = index + 1
        }
        return (ids, validLength)
    }

    /// Every line of the ledger, decoded.
    public func entries() throws -> [LedgerLine] {
        let data = try Data(contentsOf: resultsURL)
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONDecoder().decode(LedgerLine.self, from: $0) }
    }
}

private struct LedgerID: Decodable { let id: String }
