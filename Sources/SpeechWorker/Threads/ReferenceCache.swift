import SpeechAudio
import SpeechDSP
import SpeechQueue

/// The few model recordings a worker decoded last, by digest: an exercise's model is shared by every
/// submission for it, so it is decoded once per worker rather than once per job. Least recently used goes first.
struct ReferenceCache {
    private var recent: RecentlyUsed<RecordingDigest, DecodedAudio>

    init(capacity: Int) {
        recent = RecentlyUsed(capacity: capacity)
    }

    mutating func audio(for digest: RecordingDigest, load: () throws -> DecodedAudio) throws -> DecodedAudio {
        if let hit = recent.value(for: digest) { return hit }
        let audio = try load()
        recent.insert(audio, for: digest)
        return audio
    }
}
