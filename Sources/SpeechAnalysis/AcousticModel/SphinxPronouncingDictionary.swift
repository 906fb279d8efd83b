import Foundation

/// The CMU Pronouncing Dictionary as PocketSphinx ships it (`cmudict-en-us.dict`: `word PH PH ...`, alternates
/// as `word(2)`), mapped to the model's phone indices. Only each word's first pronunciation is kept.
public struct SphinxPronouncingDictionary: Sendable {
    public static let debianPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
    private let pronunciations: [String: [Int]]

    public init(path: String = debianPath, model: SphinxAcousticModel) throws(AcousticModelError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .modelMissing(path) }
        let index = Dictionary(uniqueKeysWithValues: model.phones.enumerated().map { ($1, $0) })
        var table: [String: [Int]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let word = fields.first, !word.contains("("), table[String(word)] == nil else { continue }
            let phones = fields.dropFirst().compactMap { index[String($0)] }
            if phones.count == fields.count - 1, !phones.isEmpty { table[String(word)] = phones }
        }
        pronunciations = table
    }

    /// The phones of `word` (case and surrounding punctuation ignored), or nil when the dictionary lacks it.
    public func phones(of word: String) -> [Int]? {
        pronunciations[Self.key(word)]
    }

    static func key(_ word: String) -> String {
        word.lowercased().trimmingCharacters(in: CharacterSet.letters.union(CharacterSet(charactersIn: "'")).inverted)
    }
}
