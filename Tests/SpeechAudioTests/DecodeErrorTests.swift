import Foundation
import Synchronization
import SpeechAudio
import SpeechTestSupport
import Testing

/// Every bad fixture has its expected error code in its truth file; each must get exactly that code,
/// from a path and from bytes, and never crash.
@Suite struct DecodeErrorTests {
    static let bad = (try? FixtureTruth.badFixtures()) ?? []

    @Test func everyErrorCodeHasARealBadFile() {
        let covered = Set(Self.bad.compactMap { $0.truth.expectedError })
        // tooLong is tested below with a lowered limit instead of a 10-minute fixture.
        #expect(covered.union(["tooLong"]).isSuperset(of: DecodeError.allCodes), "missing: \(Set(DecodeError.allCodes).subtracting(covered))")
    }

    @Test(arguments: bad.filter { $0.truth.expectedError != nil }.map(\.recording))
    func badFileGivesItsTypedError(_ recording: String) throws {
        let expected = try #require(Self.bad.first { $0.recording == recording }?.truth.expectedError)
        let url = Fixtures.audio(recording)
        for attempt in ["path", "bytes"] {
            do {
                _ = attempt == "path" ? try AudioDecoder().decode(path: url.path)
                    : try AudioDecoder().decode(bytes: Data(contentsOf: url))
                Issue.record("\(recording) (\(attempt)) decoded, expected \(expected)")
            } catch let error as DecodeError {
                #expect(error.code == expected, "\(recording) (\(attempt)): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func unsupportedContainerMessageListsWhatIsSupported() throws {
        do {
            _ = try AudioDecoder().decode(path: Fixtures.audio("bad/not-audio.wav").path)
            Issue.record("a text file decoded")
        } catch {
            for container in ["wav", "flac", "ogg", "mp3", "aiff"] {
                #expect(error.message.contains(container), "\(error.message)")
            }
        }
    }

    @Test func missingFileIsUnreadable() {
        do {
            _ = try AudioDecoder().decode(path: "/nonexistent/answer.wav")
            Issue.record("a missing file decoded")
        } catch {
            #expect(error.code == "unreadable")
            #expect(error.message.contains("/nonexistent/answer.wav"))
        }
    }

    @Test func recordingOverTheConfiguredLimitIsTooLong() throws {
        var limits = DecodeLimits()
        limits.maximumSeconds = 2
        do {
            _ = try AudioDecoder(limits: limits).decode(path: Fixtures.audio("sentences/s01.wav").path)
            Issue.record("a 3.7 s recording passed a 2 s limit")
        } catch {
            #expect(error.code == "tooLong")
            #expect(error.message.contains("2.0 s"))
        }
    }

    @Test func heavyClippingIsAWarningWithItsFraction() throws {
        let truth = try FixtureTruth.load("bad/clipped.wav.truth.json")
        let audio = try AudioDecoder().decode(path: Fixtures.audio("bad/clipped.wav").path)
        let expected = try #require(truth.clippedFraction)
        #expect(abs(audio.clippedFraction - expected) < 0.005, "\(audio.clippedFraction) vs truth \(expected)")
        #expect(audio.warnings.contains { $0.hasPrefix("clipped") })
    }

    @Test func cleanSpeechHasNoWarnings() throws {
        let audio = try AudioDecoder().decode(path: Fixtures.audio("sentences/s01.wav").path)
        #expect(audio.warnings.isEmpty)
        #expect(audio.clippedFraction == 0)
    }
}

/// libsndfile reports why an open failed through one process-wide variable (`sf_error(NULL)`), which every open also
/// resets to 0 when it starts: a worker whose open failed could read another thread's reason, or none (a CI run once
/// answered `unreadable` for a WebM upload). Failing and succeeding opens of small files race here on every core.
@Suite struct ConcurrentDecodeErrorTests {
    @Test func everyThreadGetsItsOwnFilesError() throws {
        let cases = try ["bad/not-audio.wav", "bad/speech.webm", "bad/corrupt-header.wav", "bad/too-short.wav"].map { name in
            (try Data(contentsOf: Fixtures.audio(name)), try #require(try FixtureTruth.load("\(name).truth.json").expectedError))
        }
        let mismatches = Mutex([String]())
        DispatchQueue.concurrentPerform(iterations: 40_000) { i in
            let (bytes, expected) = cases[i % cases.count]
            do {
                _ = try AudioDecoder().decode(bytes: bytes)
                mismatches.withLock { $0.append("decoded, expected \(expected)") }
            } catch let error as DecodeError {
                if error.code != expected { mismatches.withLock { $0.append("\(error.code) for \(expected): \(error.message)") } }
            } catch {
                mismatches.withLock { $0.append("\(error) for \(expected)") }
            }
        }
        let seen = mismatches.withLock { $0 }
        #expect(seen.isEmpty, "\(seen.count) wrong codes, e.g. \(seen.prefix(3))")
    }
}
