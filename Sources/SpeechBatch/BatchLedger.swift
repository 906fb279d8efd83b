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

    /// Appends a finished item from the worker's result document as stored by the queue (compact JSON, as
    /// `ResultDocument.jsonData()` writes it), without decoding and re-encoding it: the line is that object
    /// with `"id"` put first. Bytes that are not one compact JSON object are decoded and re-encoded instead.
    public func record(id: String, resultJSON: Data) throws(BatchError) {
        guard !finishedIDs.contains(id) else { return }
        guard let line = Self.line(id: id, resultJSON: resultJSON) else {
            do {
                try record(id: id, result: ResultDocument.decode(json: resultJSON))
            } catch let error as BatchError {
                throw error
            } catch {
                throw .outputUnwritable(resultsURL.path, "the result document of \(id) is not JSON: \(error)")
            }
            return
        }
        do {
            try write(line)
        } catch {
            throw .outputUnwritable(resultsURL.path, "\(error)")
        }
        finishedIDs.insert(id)
    }

    /// Appends a line that already is a result document with its `id` (a line of a service's batch results,
    /// `GET /api/v1/batches/{id}/results`), as it is. The caller has checked that it is one compact JSON object.
    public func record(id: String, documentLine: Data) throws(BatchError) {
        guard !finishedIDs.contains(id) else { return }
        guard !documentLine.contains(UInt8(ascii: "\n")) else {
            throw .outputUnwritable(resultsURL.path, "the result line of \(id) spans several lines")
        }
        do {
            try write(documentLine + Data("\n".utf8))
        } catch {
            throw .outputUnwritable(resultsURL.path, "\(error)")
        }
        finishedIDs.insert(id)
    }

    /// `{"id":ID,` + the object's members + `}` + newline, or nil when `resultJSON` is not a non-empty compact object.
    static func line(id: String, resultJSON: Data) -> Data? {
        guard let open = resultJSON.firstIndex(where: { !Self.isJSONWhitespace($0) }), resultJSON[open] == UInt8(ascii: "{"),
              let firstMember = resultJSON[(open + 1)...].firstIndex(where: { !Self.isJSONWhitespace($0) }),
              resultJSON[firstMember] == UInt8(ascii: "\""),
              !resultJSON.contains(UInt8(ascii: "\n")),
              let quotedID = try? JSONEncoder().encode(id) else { return nil }
        var line = Data("{\"id\":".utf8)
        line.reserveCapacity(resultJSON.count + quotedID.count + 8)
        line.append(quotedID)
        line.append(UInt8(ascii: ","))
        line.append(resultJSON[firstMember...])
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
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
        try write(try encoder.encode(line) + Data("\n".utf8))
    }

    private func write(_ line: Data) throws {
        // One write per line: the line reaches the file whole or (if killed inside write) torn at its end.
        try handle.write(contentsOf: line)
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

    /// What `results.csv` needs of every line (no per-frame arrays decoded).
    func tableRows() throws -> [BatchTableRow] {
        let data = try Data(contentsOf: resultsURL)
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONDecoder().decode(BatchTableRow.self, from: $0) }
    }
}

private struct LedgerID: Decodable { let id: String }
