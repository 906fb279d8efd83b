/// What the caller wants measured for one recording.
public struct AnalysisRequest: Sendable {
    public enum Section: String, Sendable, CaseIterable { case pitch, speech, fluency, pronunciation }

    /// Sections to compute; a section whose inputs are missing (e.g. no reference) is left out.
    public var sections: Set<Section>
    /// Model recordings for the pronunciation section (with their sidecar word timings); none = no section.
    public var references: [ReferenceRecording]

    public init(sections: Set<Section> = Set(Section.allCases), references: [ReferenceRecording] = []) {
        self.sections = sections
        self.references = references
    }
}
