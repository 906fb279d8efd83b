import CSndFile
import Foundation
import SpeechDSP

/// Decodes any container libsndfile reads (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3, ...) to 16 kHz mono.
///
/// Channels are averaged; other rates go through libsoxr (HQ). Decoding runs in blocks of
/// `blockFrames`, so a long 48 kHz stereo file never holds more than its 16 kHz mono result
/// plus one block. Every refusal is a `DecodeError` with a stable code.
public struct AudioDecoder: Sendable {
    public var limits: DecodeLimits
    /// Source frames read per block (64 ... 1,048,576).
    public var blockFrames: Int = 16_384

    public init(limits: DecodeLimits = DecodeLimits()) {
        self.limits = limits
    }

    /// Decodes the file at `path`.
    public func decode(path: String) throws(DecodeError) -> DecodedAudio {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .unreadable("\(path): \(String(cString: strerror(errno)))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadable("\(path) is a folder") }
        if status.st_size == 0 { throw .empty() }
        let file = try SoundFile(path: path)
        return try decode(file)
    }

    /// Decodes a whole recording held in memory (an HTTP upload), through libsndfile's virtual I/O.
    public func decode(bytes: some ContiguousBytes) throws(DecodeError) -> DecodedAudio {
        let result: Result<DecodedAudio, DecodeError> = bytes.withUnsafeBytes { raw in
            if raw.isEmpty { return .failure(.empty()) }
            do throws(DecodeError) {
                let file = try SoundFile(bytes: raw)
                return .success(try decode(file))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func decode(_ file: SoundFile) throws(DecodeError) -> DecodedAudio {
        let info = file.info
        let channels = Int(info.channels), rate = Int(info.samplerate)
        guard channels > 0, rate > 0 else {
            throw .unreadable("header says \(channels) channels at \(rate) Hz: the header is damaged; re-export the recording")
        }
        let declaredFrames = Int(info.frames)
        let framesKnown = declaredFrames > 0 && declaredFrames < Int(Int32.max) * 64
        if framesKnown, Double(declaredFrames) / Double(rate) > limits.maximumSeconds {
            throw .tooLong(seconds: Double(declaredFrames) / Double(rate), maximumSeconds: limits.maximumSeconds)
        }
        let outputRate = DecodedAudio.analysisRateHz
        let resampler = rate == outputRate ? nil : try SoxrResampler(inputRateHz: rate, outputRateHz: outputRate)

        var samples: [Float] = []
        if framesKnown { samples.reserveCapacity(Int(Double(declaredFrames) * Double(outputRate) / Double(rate)) + 1024) }
        let block = max(64, min(blockFrames, 1 << 20))
        var interleaved = [Float](repeating: 0, count: block * channels)
        var mono = [Float](repeating: 0, count: block)
        var framesRead = 0, clippedSamples = 0
        var peak: Float = 0
        let maximumFrames = Int(limits.maximumSeconds * Double(rate)) + 1
        let clipLevel = limits.clippingLevel

        while true {
            let got = Int(interleaved.withUnsafeMutableBufferPointer {
                sf_readf_float(file.handle, $0.baseAddress, sf_count_t(block))
            })
            if got <= 0 { break }
            interleaved.withUnsafeBufferPointer { source in
                mono.withUnsafeMutableBufferPointer { target in
                    if channels == 1 {
                        let (clipped, loudest) = VectorKernels.copyMeasuringPeak(source.baseAddress!, into: target.baseAddress!,
                                                                                 count: got, clipLevel: clipLevel)
                        clippedSamples += clipped
                        peak = max(peak, loudest)
                        return
                    }
                    let scale = 1 / Float(channels)
                    for frame in 0..<got {
                        var sum: Float = 0
                        for channel in 0..<channels {
                            let value = source[frame * channels + channel]
                            let magnitude = abs(value)
                            if magnitude >= clipLevel { clippedSamples += 1 }
                            peak = max(peak, magnitude)
                            sum += value
                        }
                        target[frame] = sum * scale
                    }
                }
            }
            framesRead += got
            if framesRead > maximumFrames {
                throw .tooLong(seconds: Double(framesRead) / Double(rate), maximumSeconds: limits.maximumSeconds)
            }
            if let resampler {
                mono.withUnsafeBufferPointer { resampler.process(UnsafeBufferPointer(rebasing: $0[0..<got]), appendingTo: &samples) }
            } else {
                samples.append(contentsOf: mono[0..<got])
            }
        }
        resampler?.flush(appendingTo: &samples)

        if let reason = file.streamError, framesRead > 0 { throw .truncatedStream(reason) }
        // Lossy streams (Ogg, MP3) only estimate their length from the last page or frame header,
        // and encoder padding makes that estimate run long; lossless containers must match exactly.
        let format = SupportedFormats.name(of: info.format)
        let isLossy = format.hasPrefix("ogg") || format == "mp3"
        let allowedShortfall = isLossy ? Int(0.25 * Double(rate)) + declaredFrames / 200 : 0
        if framesKnown, framesRead + allowedShortfall < declaredFrames {
            throw .truncated(framesRead: framesRead, framesDeclared: declaredFrames, sampleRateHz: rate)
        }
        if let claimed = Self.headerClaimMismatch(in: file.log) {
            throw .truncatedStream(claimed)
        }
        if framesRead == 0 { throw .empty() }
        let seconds = Double(framesRead) / Double(rate)
        if seconds < limits.minimumSeconds { throw .tooShort(seconds: seconds, minimumSeconds: limits.minimumSeconds) }
        let peakDecibels = Decibels.fromAmplitude(Double(peak))
        if peakDecibels < limits.silencePeakDecibels {
            throw .silent(peakDecibels: peakDecibels, thresholdDecibels: limits.silencePeakDecibels)
        }

        let clippedFraction = Double(clippedSamples) / Double(framesRead * channels)
        var warnings: [String] = []
        if clippedFraction > limits.clippingWarningFraction {
            let percent = (clippedFraction * 1000).rounded() / 10
            warnings.append("clipped: \(percent)% of samples are at full scale; record with lower input gain")
        }
        return DecodedAudio(samples: samples, sampleRateHz: outputRate, sourceSampleRateHz: rate, channels: channels,
                            format: format, clippedFraction: clippedFraction,
                            warnings: warnings)
    }

    /// libsndfile quietly shortens a WAV/AIFF whose data chunk claims more bytes than the file holds,
    /// and only says so in its log ("... (should be N)"). That is a truncated upload, not a short one.
    static func headerClaimMismatch(in log: String) -> String? {
        for line in log.split(separator: "\n") where line.contains("(should be ") {
            let lower = line.lowercased()
            if lower.contains("data") || lower.contains("ssnd") || lower.contains("length") {
                return "header and data length disagree: \(line.trimmingCharacters(in: .whitespaces))"
            }
        }
        return nil
    }
}
