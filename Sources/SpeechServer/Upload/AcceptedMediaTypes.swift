/// Content types an upload may declare: what libsndfile reads (SPEC "Audio in"), plus
/// `application/octet-stream` for clients that cannot tell (the bytes are sniffed by decoding).
/// WebM (what Chromium's MediaRecorder makes) is refused with 415: libsndfile cannot read it.
enum AcceptedMediaTypes {
    static let listed = [
        "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/flac", "audio/x-flac",
        "audio/ogg", "audio/opus", "audio/mpeg", "audio/mp3", "audio/aiff", "audio/x-aiff",
        "application/octet-stream",
    ]
    private static let accepted = Set(listed)

    /// True when the media type (parameters such as `; codecs=` ignored) is accepted.
    static func accepts(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return accepted.contains(essence(of: contentType))
    }

    static func essence(of contentType: String) -> String {
        String(contentType.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}
