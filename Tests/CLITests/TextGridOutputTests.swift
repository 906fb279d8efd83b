import Foundation
import SpeechAnalysis
import SpeechTestSupport
import Testing

@Suite struct TextGridOutputTests {
    @Test func textgridFormatWritesTiersMatchingTheJSON() throws {
        let path = Fixtures.audio("fluency/fluency1.clean.flac").path
        let textgrid = try CommandRunner.run("speakwell", ["analyze", path, "--format", "textgrid"])
        #expect(textgrid.exitCode == 0, "\(textgrid.standardError)")
        let grid = try TextGridReader.read(text: textgrid.standardOutput)
        #expect(grid.tiers.map(\.name) == ["syllables", "pauses", "speech"])
        let json = try CommandRunner.run("speakwell", ["analyze", path, "--format", "json"])
        let document = try ResultDocument.decode(json: Data(json.standardOutput.utf8))
        guard case .points(_, let points) = grid.tier(named: "syllables") else { Issue.record("no syllables tier"); return }
        #expect(points.count == document.fluency?.syllableCount)
        #expect(grid.tier(named: "pauses")?.labelledIntervals.count == document.speech?.pauses.count)
    }

    @Test func tableShowsFluencyRows() throws {
        let result = try CommandRunner.run("speakwell", ["analyze", Fixtures.audio("fluency/fluency1.clean.flac").path])
        #expect(result.exitCode == 0)
        for label in ["speech rate", "articulation rate", "mean length of run", "filled pauses"] {
            #expect(result.standardOutput.contains(label), "table lacks \(label)")
        }
    }
}
