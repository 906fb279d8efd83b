extension ReferenceWordsSidecar {
    /// SEAM: the `words` tier of a Praat TextGrid. The TextGrid reader is being written in
    /// Sources/SpeechAnalysis/TextGrid/ (fluency work); at merge this body becomes a call to it, returning the
    /// non-empty intervals of the tier named `words` as `ReferenceWord`s. Until then a TextGrid sidecar gives a
    /// typed error telling the user to provide `NAME.words.json`.
    static func wordsFromTextGrid(path: String) throws(PronunciationError) -> [ReferenceWord] {
        throw .textGridUnsupported(path: path)
    }
}
