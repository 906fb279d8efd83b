/// PocketSphinx's en-us acoustic model and dictionary from Debian's `pocketsphinx-en-us`, loaded once per process
/// on first use (about 8 MB of files, read in well under a second) and shared by every thread.
public struct SphinxModels: Sendable {
    public let model: SphinxAcousticModel
    public let dictionary: SphinxPronouncingDictionary

    public static let debian: Result<SphinxModels, AcousticModelError> = Result { () throws(AcousticModelError) -> SphinxModels in
        let model = try SphinxAcousticModel.load()
        return SphinxModels(model: model, dictionary: try SphinxPronouncingDictionary(model: model))
    }
}
