import Foundation

/// `uploads.jsonl` in the output folder: one line `{"batch","id"}` per item the service accepted (202),
/// appended as the answers arrive. A rerun reads it to upload nothing already accepted and to await those
/// items' results instead. A kill between the service's 202 and this line only means the item is sent again,
/// which the service answers with the item it already has (the upload is idempotent); a torn last line is
/// cut off as in the ledger.
final class UploadJournal {
    static let fileName = "uploads.jsonl"

    /// Item id -> the service batch that accepted it.
    private(set) var accepted: [String: String]
    private let handle: FileHandle
    private let url: URL

    init(folder: URL) throws(BatchError) {
        url = folder.appendingPathComponent(Self.fileName)
        do {
            if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
            let (lines, validLength) = Self.completeLines(in: try Data(contentsOf: url))
            accepted = Dictionary(lines.map { ($0.id, $0.batch) }) { _, last in last }
            handle = try FileHandle(forUpdating: url)
            try handle.truncate(atOffset: UInt64(validLength))
            try handle.seekToEnd()
        } catch {
            throw .outputUnwritable(url.path, "\(error)")
        }
    }

    deinit { try? handle.close() }

    func accepted(id: String, batch: String) throws(BatchError) {
        guard accepted[id] != batch else { return }
        accepted[id] = batch
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // One write per line, as in the ledger: whole, or torn at its end.
            try handle.write(contentsOf: try encoder.encode(Line(batch: batch, id: id)) + Data("\n".utf8))
        } catch {
            throw .outputUnwritable(url.path, "\(error)")
        }
    }

    private struct Line: Codable { let batch: String; let id: String }

    /// The complete lines, and the byte length up to the end of the last of them.
    private static func completeLines(in data: Data) -> ([Line], Int) {
        var lines: [Line] = [], validLength = 0, lineStart = data.startIndex
        while let newline = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")),
              let line = try? JSONDecoder().decode(Line.self, from: data[lineStart..<newline]) {
            lines.append(line)
            validLength = newline + 1 - data.startIndex
            lineStart = newline + 1
        }
        return (lines, validLength)
    }
}
