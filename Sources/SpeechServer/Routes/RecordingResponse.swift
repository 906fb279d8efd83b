import Foundation
import Hummingbird
import NIOPosix
import SpeechQueue

/// Serves a stored recording (checksum verified by the store) for `<audio>` playback and download.
enum RecordingResponse {
    static func make(digest hex: String, contentType: String, recordings: RecordingStore) async throws -> Response {
        guard let digest = RecordingDigest(hex: hex) else { throw APIError.notFound("recording") }
        let bytes = try await NIOThreadPool.singleton.runIfActive { try recordings.read(digest) }
        let type = contentType == "application/octet-stream" || contentType.isEmpty ? "audio/wav" : contentType
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
