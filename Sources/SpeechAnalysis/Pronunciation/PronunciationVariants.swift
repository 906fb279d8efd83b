/// The likely wrong pronunciations of a word: its expected phones changed by one rule of the errors Vietnamese
/// learners of English typically make (the list): a final consonant dropped (cats -> ca), one consonant of
/// a cluster dropped, /θ/ -> /t/ or /s/, /ð/ -> /d/ or /z/, /ʃ/ -> /s/, and a vowel's length or quality changed
/// (tense/lax pairs: ship/sheep, full/fool; /æ/-/ɛ/; /ʌ/-/ɑː/; /ɜː/ -> /ɑː/; a diphthong flattened, /eɪ/ -> /ɛ/,
/// /oʊ/ -> /ɔː/).
///
/// Each variant is one more path through the word in the utterance's forced alignment: an extended recognition
/// network (Harrison, Lo, Qian & Meng 2009, "Implementation of an extended recognition network for
/// mispronunciation detection and diagnosis in computer-assisted pronunciation training", SLaTE), whose rules come
/// from the learners' first language. A variant that explains the learner's frames better than the expected
/// phones is evidence of that error; an error outside the rules is only seen by goodness of pronunciation.
/// Built once per exercise (`PronunciationScorer.prepare`); labels are the phone model's espeak-ng IPA names.
public struct PronunciationVariants: Sendable {
    public enum Rule: String, Sendable, Equatable, CaseIterable {
        case finalConsonantDeletion = "final_consonant_deletion"
        case clusterSimplification = "cluster_simplification"
        case consonantSubstitution = "consonant_substitution"
        case vowelSubstitution = "vowel_substitution"
    }

    public struct Variant: Sendable, Equatable {
        /// Class indices of the variant's phones, in order (never empty).
        public var phones: [Int]
        public var rule: Rule
        /// The expected phone the rule changes or drops, and what is said instead (`nil`: dropped); IPA labels.
        public var expected: String
        public var said: String?
    }

    static let consonantLabels: Set<String> = ["b", "d", "dʒ", "f", "h", "j", "k", "l", "m", "n", "p", "s", "t", "tʃ",
                                               "v", "w", "z", "ð", "ŋ", "ɡ", "ɹ", "ʃ", "ʒ", "θ"]
    static let consonantSubstitutions: [String: [String]] = ["θ": ["t", "s"], "ð": ["d", "z"], "ʃ": ["s"]]
    static let vowelSubstitutions: [String: [String]] = [
        "iː": ["ɪ"], "ɪ": ["iː"], "uː": ["ʊ"], "ʊ": ["uː"], "æ": ["ɛ"], "ɛ": ["æ"], "ʌ": ["ɑː"], "ɑː": ["ʌ"],
        "ɜː": ["ɑː"], "eɪ": ["ɛ"], "oʊ": ["ɔː"],
    ]

    private let labels: [String]
    private let isConsonant: [Bool]
    private let consonantTargets: [[Int]], vowelTargets: [[Int]]

    /// - Parameter classLabels: the phone model's class labels (`PhoneModel.classLabels`); rules whose phones the
    ///   model has no class for are left out.
    public init(classLabels: [String]) {
        let index = Dictionary(uniqueKeysWithValues: classLabels.enumerated().map { ($0.element, $0.offset) })
        func targets(_ table: [String: [String]]) -> [[Int]] {
            classLabels.map { table[$0]?.compactMap { index[$0] } ?? [] }
        }
        labels = classLabels
        isConsonant = classLabels.map { Self.consonantLabels.contains($0) }
        consonantTargets = targets(Self.consonantSubstitutions)
        vowelTargets = targets(Self.vowelSubstitutions)
    }

    /// The distinct variants of `phones` (class indices), one rule applied once each; none equals `phones`.
    public func variants(of phones: [Int]) -> [Variant] {
        var result = [Variant]()
        func add(_ candidate: [Int], _ rule: Rule, at k: Int, said: Int? = nil) {
            guard !candidate.isEmpty, candidate != phones, !result.contains(where: { $0.phones == candidate }) else { return }
            result.append(Variant(phones: candidate, rule: rule, expected: labels[phones[k]], said: said.map { labels[$0] }))
        }
        func consonant(_ k: Int) -> Bool { phones[k] < isConsonant.count && isConsonant[phones[k]] }
        if phones.count >= 2, consonant(phones.count - 1) {
            add(Array(phones.dropLast()), .finalConsonantDeletion, at: phones.count - 1)
        }
        for k in phones.indices where consonant(k) {
            let inCluster = (k > 0 && consonant(k - 1)) || (k + 1 < phones.count && consonant(k + 1))
            if inCluster {
                var dropped = phones; dropped.remove(at: k)
                add(dropped, .clusterSimplification, at: k)
            }
        }
        for k in phones.indices where phones[k] < consonantTargets.count {
            for target in consonantTargets[phones[k]] {
                var changed = phones; changed[k] = target
                add(changed, .consonantSubstitution, at: k, said: target)
            }
            for target in vowelTargets[phones[k]] {
                var changed = phones; changed[k] = target
                add(changed, .vowelSubstitution, at: k, said: target)
            }
        }
        return result
    }
}
