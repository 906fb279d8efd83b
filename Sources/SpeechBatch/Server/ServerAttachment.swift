import Foundation

/// `server-batch.json` in the output folder: the service this folder's batch runs on and the service's batch
/// for each exercise. Written (atomically) as soon as a service batch is made and before any item is
/// uploaded to it, so a rerun after a kill attaches to the same batches instead of making new ones; a kill
/// between making a batch and writing this file leaves an empty batch on the service, nothing worse.
struct ServerAttachment: Codable, Sendable, Equatable {
    static let fileName = "server-batch.json"

    var server: String
    /// Exercise id -> the service's batch id.
    var batches: [String: String]

    static func url(in folder: URL) -> URL { folder.appendingPathComponent(fileName) }

    /// The folder's attachment, or nil when it has none yet.
    static func load(from folder: URL) throws(BatchError) -> ServerAttachment? {
        let url = url(in: folder)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(ServerAttachment.self, from: Data(contentsOf: url))
        } catch {
            throw .outputUnwritable(url.path, "it is not the JSON `speakwell batch --server` writes (\(error)); "
                + "delete it only if the batch it names is to be started afresh on the service")
        }
    }

    func save(in folder: URL) throws(BatchError) {
        let url = Self.url(in: folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw .outputUnwritable(url.path, "\(error)")
        }
    }
}
