import Foundation

/// A typed failure as the CLI reports it: always a line on stderr; with `--format json`
/// also `{"error":{"code","message"}}` on stdout so scripts can parse it.
struct ErrorReport: Encodable {
    struct Body: Encodable { let code: String; let message: String }
    let error: Body
    private let path: String

    init(code: String, message: String, path: String) {
        self.error = Body(code: code, message: message)
        self.path = path
    }

    enum CodingKeys: String, CodingKey { case error }

    func print(asJSON: Bool) {
        FileHandle.standardError.write(Data("speakwell: \(path): \(error.code): \(error.message)\n".utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard asJSON, let data = try? encoder.encode(self) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
