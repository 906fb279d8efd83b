/// How `SpeechAnalyzer` gets word timings for references without a sidecar, and references for text-only
/// exercises (docs/pronunciation.md "Where word timings come from").
extension SpeechAnalyzer {
    public struct ResolvedReferences: Sendable {
        public var references: [ReferenceRecording]
        /// `recorded` or `synthetic` (goes to `pronunciation.reference_kind`).
        public var kind: String
        /// `sidecar`, `aligned`, `synthesis`, `mixed`, or nil (no word timings); goes to `pronunciation.word_timings`.
        public var wordTimings: String?
    }

    /// The request's references, with word timings aligned from `request.text` where a reference has none;
    /// synthetic references when the request has text and no reference. Aligned references keep only the
    /// words placed in every one of them, so all references list the same words.
    public func referencesForScoring(_ request: AnalysisRequest) throws(AlignmentError) -> ResolvedReferences {
        guard let text = request.text else {
            return ResolvedReferences(references: request.references, kind: "recorded",
                                      wordTimings: request.references.allSatisfy { $0.words != nil } ? "sidecar" : nil)
        }
        if request.references.isEmpty {
            return ResolvedReferences(references: try SyntheticReferences.recordings(text: text), kind: "synthetic",
                                      wordTimings: "synthesis")
        }
        let untimed = request.references.indices.filter { request.references[$0].words == nil }
        guard !untimed.isEmpty else { return ResolvedReferences(references: request.references, kind: "recorded", wordTimings: "sidecar") }
        let aligner = aligner()
        var alignments = [Int: WordAlignment]()
        for index in untimed {
            let reference = request.references[index]
            alignments[index] = try aligner.align(samples: reference.samples, text: text, name: reference.name)
        }
        let words = alignments.values.first!.words.count
        let placedEverywhere = (0..<words).filter { k in alignments.values.allSatisfy { $0.words[k].isPlaced } }
        var references = request.references
        for (index, alignment) in alignments {
            references[index].words = placedEverywhere.map { k in
                let word = alignment.words[k]
                return ReferenceWord(word: word.word, startSeconds: word.startSeconds!, endSeconds: word.endSeconds!)
            }
        }
        return ResolvedReferences(references: references, kind: "recorded",
                                  wordTimings: untimed.count == references.count ? "aligned" : "mixed")
    }

    private func aligner() -> ReferenceAligner {
        if let referenceAligner { return referenceAligner }
        let model = configuration.pronunciationModel ?? (try? PronunciationCalibration.locateDefault())
        let made = ReferenceAligner(projection: model?.projection)
        referenceAligner = made
        return made
    }
}
