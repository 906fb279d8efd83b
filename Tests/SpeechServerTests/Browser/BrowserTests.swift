import Foundation
import Hummingbird
import HummingbirdTesting
import SpeechServer
import SpeechTestSupport
import Testing

/// The pages in a real headless Chromium: the student records from a fake microphone playing a fixture,
/// the page uploads a WAV, and the feedback appears; the teacher's report renders its SVG pictures.
/// Screenshots go to docs/screenshots/ (the README shows them); `SPEAKWELL_SCREENSHOTS=DIR` sends them elsewhere.
@Suite(.serialized) struct BrowserTests {
    static let screenshots: URL = {
        if let folder = ProcessInfo.processInfo.environment["SPEAKWELL_SCREENSHOTS"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, relativeTo: Fixtures.repositoryRoot)
        }
        return Fixtures.repositoryRoot.appendingPathComponent("docs/screenshots")
    }()

    @Test(.enabled(if: HeadlessChromium.executable != nil, "needs Debian's chromium (scripts/install-deps)"))
    func studentRecordsUploadsAndSeesFeedbackThenTeacherSeesTheReport() async throws {
        let harness = try await ServerHarness.make()
        let chromium = try await onDedicatedThread { try HeadlessChromium(fakeAudio: Fixtures.audio("sentences/s01.wav")) }
        // Whatever goes wrong inside the page, the browser is gone after four minutes: its socket closes,
        // every pending command fails, and the test reports instead of hanging the run.
        let watchdog = Task.detached {
            try await Task.sleep(for: .seconds(240))
            chromium.stop()
        }
        defer {
            watchdog.cancel()
            chromium.stop()
        }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let studentToken = harness.token(.student), teacherToken = harness.token(.teacher)

        try await harness.test(.live) { client in
            let base = "http://127.0.0.1:\(client.port!)"
            try await DevToolsSession.run(browserURL: chromium.browserWebSocketURL) { page in
                try await page.navigate("\(base)/login?token=\(studentToken)")
                try await page.waitFor("document.getElementById('record')", timeout: .seconds(10), what: "the practice page")
                #expect(try await page.evaluate("document.querySelector('label[for=exercise]') !== null").bool == true)
                _ = try await page.evaluate("document.getElementById('record').click()")
                try await page.waitFor("document.getElementById('stop').disabled === false", timeout: .seconds(10), what: "recording to start")
                try await Task.sleep(for: .seconds(4))
                _ = try await page.evaluate("document.getElementById('stop').click()")
                try await page.waitFor("document.getElementById('feedback') || document.querySelector('.status.error')",
                                       timeout: .seconds(40), what: "feedback")
                let status = try await page.evaluate("document.getElementById('status').textContent").string ?? ""
                #expect(status.hasPrefix("Done"), "status: \(status)")
                #expect(try await page.evaluate("document.getElementById('scores') !== null").bool == true)
                try await page.screenshot().write(to: Self.screenshots.appendingPathComponent("student-feedback.png"))

                // What the browser uploaded is a real recording of the fake microphone: 16 kHz mono, seconds long.
                let submissions = try await harness.environment.store.submissions(studentID: harness.demo.users[.student]!.id)
                let submission = try #require(submissions.first)
                #expect(submission.contentType == "audio/wav")
                #expect(submission.durationSeconds > 2 && submission.durationSeconds < 10)

                try await page.navigate("\(base)/login?token=\(teacherToken)")
                try await page.navigate("\(base)/submissions/\(submission.id)/report")
                try await page.waitFor("document.getElementById('waveform')", timeout: .seconds(10), what: "the report's waveform")
                let pictures = try await page.evaluate("document.querySelectorAll('svg').length").int ?? 0
                #expect(pictures >= 1)
                let rendered = try await page.evaluate(
                    "Array.from(document.querySelectorAll('svg')).every(s => s.getBoundingClientRect().width > 100 && s.querySelector('path,rect,line'))").bool
                #expect(rendered == true)
                #expect(try await page.evaluate("document.getElementById('learner-audio') !== null").bool == true)
                try await page.screenshot().write(to: Self.screenshots.appendingPathComponent("teacher-report.png"))

                try await page.navigate("\(base)/classes/\(harness.demo.classID)")
                try await page.waitFor("document.getElementById('overview')", timeout: .seconds(10), what: "the class overview")
                #expect(try await page.evaluate("document.querySelectorAll('#overview tbody tr').length").int == 1)
                try await page.screenshot().write(to: Self.screenshots.appendingPathComponent("class-overview.png"))
            }
        }
    }
}
