import SpeechAudio
import SpeechQueue

/// The few model recordings a worker decoded last, by digest: an exercise's model is shared by every
/// submission for it, so it is decoded once per worker rather than once per job. Least recently used goes first.
struct ReferenceCache {
    private let capacity: Int
    private var entries: [RecordingDigest: DecodedAudio] = [:]
    private var order: [RecordingDigest] = []

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    mutating func audio(for digest: RecordingDigest, load: () throws -> DecodedAudio) throws -> DecodedAudio {
        if let hit = entries[digest] {
            order.removeAll { $0 == digest }
            order.append(digest)
            return hit
        }
        let audio = try load()
        guard capacity > 0 else { return audio }
        if order.count >= capacity {
            entries[order.removeFirst()] = nil
        }
        entries[digest] = audio
        order.append(digest)
        return audio
    }
}
