import Foundation

/// The list of recordings to score: CSV (header `id,audio,reference`, references separated by `;`)
/// or JSON Lines (`{"id","audio","references":[...]}` or `{"id","audio","exercise"}`).
/// Relative paths are relative to the manifest's folder.
public struct BatchManifest: Sendable {
    public let path: String
    public let items: [BatchItem]

    public static func load(path: String) throws(BatchError) -> BatchManifest {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .manifestUnreadable(path, error.localizedDescription)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let firstContent = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let isJSONLines = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
            || firstContent?.trimmingCharacters(in: .whitespaces).hasPrefix("{") == true
        let items = isJSONLines ? try jsonLinesItems(lines, path: path, folder: folder)
                                : try csvItems(lines, path: path, folder: folder)
        var seen = Set<String>()
        for (index, item) in items.enumerated() where !seen.insert(item.id).inserted {
            throw .duplicateItem(path, line: index + 1, id: item.id)
        }
        return BatchManifest(path: path, items: items)
    }

    private static func resolve(_ relative: String, in folder: URL) -> String {
        relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
    }

    private static func csvItems(_ lines: [Substring], path: String, folder: URL) throws(BatchError) -> [BatchItem] {
        guard let headerLine = lines.first, let header = CSVRecord.fields(of: headerLine) else {
            throw .manifestMalformed(path, line: 1, "empty manifest")
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let idColumn = columns.firstIndex(of: "id"), let audioColumn = columns.firstIndex(of: "audio") else {
            throw .manifestMalformed(path, line: 1, "the header needs columns `id` and `audio`, found \(columns)")
        }
        let referenceColumn = columns.firstIndex(of: "reference") ?? columns.firstIndex(of: "references")
        var items: [BatchItem] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let fields = CSVRecord.fields(of: line), fields.count > max(idColumn, audioColumn) else {
                throw .manifestMalformed(path, line: offset + 1, "expected \(columns.count) fields")
            }
            let id = fields[idColumn].trimmingCharacters(in: .whitespaces)
            let audio = fields[audioColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, !audio.isEmpty else {
                throw .manifestMalformed(path, line: offset + 1, "`id` and `audio` must not be empty")
            }
            let references = referenceColumn.flatMap { $0 < fields.count ? fields[$0] : nil }?
                .split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
            items.append(BatchItem(id: id, audioPath: resolve(audio, in: folder),
                                   referencePaths: references.map { resolve($0, in: folder) }))
        }
        return items
    }

    private struct JSONLine: Decodable {
        let id: String
        let audio: String
        let references: [String]?
        let reference: String?
        let exercise: String?
    }

    private static func jsonLinesItems(_ lines: [Substring], path: String, folder: URL) throws(BatchError) -> [BatchItem] {
        var items: [BatchItem] = []
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let entry: JSONLine
            do { entry = try JSONDecoder().decode(JSONLine.self, from: Data(line.utf8)) } catch {
                throw .manifestMalformed(path, line: offset + 1, "not a JSON object with string fields `id` and `audio`")
            }
            let references = (entry.references ?? []) + (entry.reference.map { [$0] } ?? [])
            items.append(BatchItem(id: entry.id, audioPath: resolve(entry.audio, in: folder),
                                   referencePaths: references.map { resolve($0, in: folder) }, exercise: entry.exercise))
        }
        return items
    }
}
