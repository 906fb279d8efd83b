/// What the caller wants measured for one recording.
public struct AnalysisRequest: Sendable {
    public enum Section: String, Sendable, CaseIterable { case pitch, speech, fluency, pronunciation }

    /// Sections to compute; a section whose inputs are missing (e.g. no reference) is left out.
    public var sections: Set<Section>
    /// Model recordings for the pronunciation section (with their sidecar word timings); none = no section.
    public var references: [ReferenceRecording]
    /// The exercise's prompt text: references without word timings are aligned to it (`ReferenceAligner`), and
    /// with no references at all the learner is scored against synthetic references (`SyntheticReferences`).
    public var text: String?

    public init(sections: Set<Section> = Set(Section.allCases), references: [ReferenceRecording] = [], text: String? = nil) {
        self.sections = sections
        self.references = references
        self.text = text
    }
}
