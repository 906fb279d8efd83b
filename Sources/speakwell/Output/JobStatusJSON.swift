import Foundation
import SpeechQueue

/// `speakwell status --format json`: `{"id","state","attempts","error","result"}` in that order, `error` as
/// `{"code","message"}` (the latest error of a job not succeeded: why it failed, died, or is being retried)
/// or null, `result` the result document or null until the job succeeded.
///
/// Written by hand rather than through `Encodable`: the stored result is spliced in byte for byte (not
/// decoded and re-encoded, so a script reads exactly the document `analyze --format json` and the service
/// produce), and the keys come in the documented order for people reading it.
enum JobStatusJSON {
    static func data(for record: JobRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A retried job that then succeeded keeps its earlier error in the queue; here it would read as a failure.
        let error = record.state == .succeeded ? nil : record.lastError
        var result = Data("null".utf8)
        if record.state == .succeeded, let stored = record.result, isObject(stored) { result = trimmed(stored) }
        var out = Data("{\"id\":".utf8) + (try encoder.encode(record.id.description))
        out += Data(",\"state\":".utf8) + (try encoder.encode(record.state.rawValue))
        out += Data(",\"attempts\":\(record.attempts),\"error\":".utf8) + (try error.map { try encoder.encode($0) } ?? Data("null".utf8))
        out += Data(",\"result\":".utf8) + result + Data("}".utf8)
        return out
    }

    private static func isObject(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }

    private static func trimmed(_ data: Data) -> Data {
        let whitespace: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
        guard let first = data.firstIndex(where: { !whitespace.contains($0) }),
              let last = data.lastIndex(where: { !whitespace.contains($0) }) else { return data }
        return Data(data[first...last])
    }
}
