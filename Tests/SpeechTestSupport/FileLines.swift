import Foundation

/// How many newline-terminated lines the file holds now (0 when it does not exist yet): tests follow
/// a running `speakwell batch` by its results.jsonl.
public func lineCount(of url: URL) -> Int {
    ((try? Data(contentsOf: url)) ?? Data()).reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
}
