import Foundation

/// espeak-ng's raw output for one request: 16-bit samples at its native rate and its word events. The helper
/// writes it to its standard output in a small binary form (`encoded()`), which the parent reads back.
package struct RenderedAudio: Sendable, Equatable {
    package struct WordEvent: Sendable, Equatable {
        /// 1-based character position of the word in the request text (espeak-ng's `text_position`).
        package var textPosition: Int
        /// Sample of the output where the word starts.
        package var sample: Int
    }

    package var rateHz: Int
    package var samples: [Int16]
    package var wordEvents: [WordEvent]

    static let magic: [UInt8] = Array("SWE1".utf8)

    /// Layout (little endian): "SWE1", rate (Int32), event count (Int32), events as (position, sample) Int32
    /// pairs, then the samples (Int16) to the end.
    package func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(16 + 8 * wordEvents.count + 2 * samples.count)
        func append(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(Int32(clamping: rateHz))
        append(Int32(clamping: wordEvents.count))
        for event in wordEvents {
            append(Int32(clamping: event.textPosition))
            append(Int32(clamping: event.sample))
        }
        for sample in samples { withUnsafeBytes(of: sample.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// Reads `encoded()`'s bytes; nil when they are not that layout.
    package init?(encoded bytes: [UInt8]) {
        guard bytes.count >= 12, Array(bytes[0..<4]) == Self.magic else { return nil }
        func int32(at offset: Int) -> Int {
            Int(Int32(littleEndian: bytes[offset..<(offset + 4)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        }
        let count = int32(at: 8)
        let samplesStart = 12 + 8 * count
        guard count >= 0, samplesStart <= bytes.count, (bytes.count - samplesStart) % 2 == 0 else { return nil }
        rateHz = int32(at: 4)
        guard rateHz > 0 else { return nil }
        wordEvents = (0..<count).map { WordEvent(textPosition: int32(at: 12 + 8 * $0), sample: int32(at: 16 + 8 * $0)) }
        samples = bytes[samplesStart...].withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self)) }
        }
    }

    package init(rateHz: Int, samples: [Int16], wordEvents: [WordEvent]) {
        self.rateHz = rateHz
        self.samples = samples
        self.wordEvents = wordEvents
    }
}
