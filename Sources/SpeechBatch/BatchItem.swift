/// One recording of a batch: its id (unique in the manifest), audio and references as absolute paths.
public struct BatchItem: Sendable, Equatable, Codable {
    public var id: String
    public var audioPath: String
    public var referencePaths: [String]
    /// An exercise of a running service, instead of reference files (`--server` mode).
    public var exercise: String?

    public init(id: String, audioPath: String, referencePaths: [String] = [], exercise: String? = nil) {
        self.id = id
        self.audioPath = audioPath
        self.referencePaths = referencePaths
        self.exercise = exercise
    }
}
