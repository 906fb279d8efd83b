import SpeechDSP

/// The last few exercises' references, prepared for scoring (`ReferenceSet`: features, F0, word units,
/// reference-to-reference spread) together with how they were resolved (recorded or synthetic, where the
/// word timings came from). Preparing is pure in its inputs, so a batch that scores every learner against the
/// same model recording prepares it once per worker instead of once per learner; with several references it
/// also saves the reference-to-reference alignments, and for text-only exercises the speech synthesis.
///
/// Keyed by the request's prompt text and each reference's `identity` and word timings; a request with a
/// reference that has no `identity` is never cached. Least recently used goes first. Not thread-safe: one per
/// `SpeechAnalyzer`.
struct PreparedReferenceCache {
    struct Key: Hashable {
        var text: String?
        var references: [Reference]
        struct Reference: Hashable { var identity: String; var words: [ReferenceWord]? }

        /// `nil` when some reference cannot be named (no `identity`).
        init?(_ request: AnalysisRequest) {
            var references: [Reference] = []
            for reference in request.references {
                guard let identity = reference.identity else { return nil }
                references.append(Reference(identity: identity, words: reference.words))
            }
            self.text = request.text
            self.references = references
        }
    }

    struct Entry {
        var set: ReferenceSet
        var kind: String
        var wordTimings: String?
    }

    private var recent: RecentlyUsed<Key, Entry>
    /// Preparations done and reused (for tests and metrics).
    private(set) var misses = 0
    private(set) var hits = 0

    init(capacity: Int) {
        recent = RecentlyUsed(capacity: capacity)
    }

    mutating func entry<Failure: Error>(for key: Key?, prepare: () throws(Failure) -> Entry) throws(Failure) -> Entry {
        if let key, let hit = recent.value(for: key) {
            hits += 1
            return hit
        }
        misses += 1
        let made = try prepare()
        if let key { recent.insert(made, for: key) }
        return made
    }
}
