import Foundation

/// The CMU Pronouncing Dictionary as PocketSphinx ships it (`cmudict-en-us.dict`: `word PH PH ...`, alternates
/// as `word(2)`), mapped to the model's phone indices. Only each word's first pronunciation is kept. A word it
/// lacks (a name, a made-up word) can be given espeak-ng's letter-to-sound phonemes instead (`phones(of:espeak:)`).
public struct SphinxPronouncingDictionary: Sendable {
    public static let debianPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
    private let pronunciations: [String: [Int]]
    private let phoneIndex: [String: Int]

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
        phoneIndex = index
    }

    /// The phones of `word` (case and surrounding punctuation ignored), or nil when the dictionary lacks it.
    public func phones(of word: String) -> [Int]? {
        pronunciations[Self.key(word)]
    }

    /// The dictionary's phones of `word`; when it lacks the word, `espeak`'s phonemes (espeak-ng en-us labels, as
    /// `SpeechSynthesizer.phonemes(of:)` gives them) in the model's phones; nil when neither gives any.
    public func phones(of word: String, espeak: [String]?) -> [Int]? {
        if let phones = phones(of: word) { return phones }
        let mapped = (espeak ?? []).flatMap { Self.espeakToCMU[$0] ?? [] }.compactMap { phoneIndex[$0] }
        return mapped.isEmpty ? nil : mapped
    }

    /// Each word's phones as `phones(of:espeak:)` gives them (`espeak`: per word, `SpeechSynthesizer.phonemes(of:)`);
    /// nil when any word has none.
    public func phones(of words: [String], espeak: [[String]]?) -> [[Int]]? {
        var out: [[Int]] = []
        for (w, word) in words.enumerated() {
            guard let phones = phones(of: word, espeak: espeak.flatMap { w < $0.count ? $0[w] : nil }) else { return nil }
            out.append(phones)
        }
        return out
    }

    /// espeak-ng's en-us phonemes (the phone classifier's labels) in the CMU dictionary's phones (Weide 1998); a
    /// label missing here (silence, a glottal stop) contributes nothing.
    static let espeakToCMU: [String: [String]] = [
        "aɪ": ["AY"], "aʊ": ["AW"], "b": ["B"], "d": ["D"], "dʒ": ["JH"], "eɪ": ["EY"], "f": ["F"], "h": ["HH"],
        "i": ["IY"], "iə": ["IY", "AH"], "iː": ["IY"], "j": ["Y"], "k": ["K"], "l": ["L"], "m": ["M"], "n": ["N"],
        "oʊ": ["OW"], "oːɹ": ["AO", "R"], "p": ["P"], "s": ["S"], "t": ["T"], "tʃ": ["CH"], "uː": ["UW"], "v": ["V"],
        "w": ["W"], "z": ["Z"], "æ": ["AE"], "ð": ["DH"], "ŋ": ["NG"], "ɐ": ["AH"], "ɑː": ["AA"], "ɑːɹ": ["AA", "R"],
        "ɔ": ["AO"], "ɔː": ["AO"], "ɔːɹ": ["AO", "R"], "ə": ["AH"], "əl": ["AH", "L"], "ɚ": ["ER"], "ɛ": ["EH"],
        "ɛɹ": ["EH", "R"], "ɜː": ["ER"], "ɡ": ["G"], "ɪ": ["IH"], "ɪɹ": ["IH", "R"], "ɹ": ["R"], "ʃ": ["SH"],
        "ʊ": ["UH"], "ʊɹ": ["UH", "R"], "ʌ": ["AH"], "ʒ": ["ZH"], "θ": ["TH"], "ᵻ": ["IH"],
    ]

    static func key(_ word: String) -> String {
        word.lowercased().trimmingCharacters(in: CharacterSet.letters.union(CharacterSet(charactersIn: "'")).inverted)
    }
}
