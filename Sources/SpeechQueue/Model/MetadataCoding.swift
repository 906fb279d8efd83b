import Foundation

/// Job metadata as stored text (a JSON object of strings); `{}` skips the JSON coder on the hot path.
public enum MetadataCoding {
    public static func encode(_ metadata: [String: String]) throws -> String {
        if metadata.isEmpty { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(metadata), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
