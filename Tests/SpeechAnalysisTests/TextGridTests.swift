import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

@Suite struct TextGridTests {
    static let grid = TextGrid(startSeconds: 0, endSeconds: 2.5, tiers: [
        .points(name: "syllables", [.init(timeSeconds: 0.31, mark: "1"), .init(timeSeconds: 1.123456789, mark: "2")]),
        .intervals(name: "words", [.init(startSeconds: 0, endSeconds: 0.2, text: ""),
                                   .init(startSeconds: 0.2, endSeconds: 1.4, text: "say \"café\""),
                                   .init(startSeconds: 1.4, endSeconds: 2.5, text: "")]),
    ])

    @Test func writtenTextGridReadsBack() throws {
        let text = TextGridWriter.text(of: Self.grid)
        #expect(text.hasPrefix("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n"))
        #expect(try TextGridReader.read(text: text) == Self.grid)
    }

    @Test func readsPraatShortFormatInUTF16() throws {
        let short = """
            File type = "ooTextFile short"
            "TextGrid"

            0
            2.5
            <exists>
            1
            "IntervalTier"
            "words"
            0
            2.5
            2
            0
            1.25
            "één"
            1.25
            2.5
            ""
            """
        // Praat's own short format starts with the two header strings; the tokeniser ignores `File type =`.
        let text = short.replacingOccurrences(of: "ooTextFile short", with: "ooTextFile")
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        let grid = try TextGridReader.read(data: data)
        #expect(grid.tier(named: "words")?.labelledIntervals == [.init(startSeconds: 0, endSeconds: 1.25, text: "één")])
    }

    @Test func truncatedTextGridGivesTruncatedError() {
        let text = String(TextGridWriter.text(of: Self.grid).dropLast(60))
        #expect { try TextGridReader.read(text: text) } throws: { ($0 as? TextGridError)?.code == "truncated" }
    }

    @Test func otherFileGivesNotATextGridError() {
        #expect { try TextGridReader.read(text: "File type = \"ooTextFile\"\nObject class = \"Pitch 1\"\n0 1") } throws: {
            ($0 as? TextGridError)?.code == "notATextGrid"
        }
    }

    @Test func analysisTextGridHasSyllablePauseAndSpeechTiers() throws {
        let truth = try FluencyTruth.load("fluency1")
        let audio = try AudioDecoder().decode(path: Fixtures.audio(truth.recording("clean")).path)
        let document = SpeechAnalyzer().analyze(audio)
        let speech = try #require(document.speech)
        let words: [TextGridTier.Interval] = [.init(startSeconds: 1, endSeconds: 1.5, text: "hello")]
        let grid = try TextGridReader.read(text: TextGridWriter.text(of: TextGrid(document: document, words: words)))
        #expect(grid.tiers.map(\.name) == ["syllables", "pauses", "speech", "words"])
        guard case .points(_, let points) = grid.tier(named: "syllables") else { Issue.record("no syllable points"); return }
        #expect(points.count == speech.syllables.count)
        #expect(zip(points, speech.syllables).allSatisfy { abs($0.timeSeconds - $1.timeSeconds) < 1e-9 })
        let pauses = try #require(grid.tier(named: "pauses")).labelledIntervals
        #expect(pauses.map(\.text) == speech.pauses.map(\.kind.rawValue))
        let sounding = try #require(grid.tier(named: "speech")).labelledIntervals
        #expect(abs(sounding.first!.startSeconds - speech.leadingSilenceSeconds) < 1e-6)
        #expect(sounding.count == speech.pauses.filter { $0.kind == .silent }.count + 1)
        // Every interval tier tiles the whole file, as Praat requires.
        for tier in grid.tiers {
            guard case .intervals(_, let intervals) = tier else { continue }
            #expect(intervals.first?.startSeconds == 0 && abs(intervals.last!.endSeconds - audio.durationSeconds) < 1e-6)
            #expect(zip(intervals, intervals.dropFirst()).allSatisfy { abs($0.endSeconds - $1.startSeconds) < 1e-9 })
        }
    }
}
