import Foundation
import SpeechAnalysis

/// The learner's pitch contour over the model's, in semitones relative to each speaker's own median
/// (so a low and a high voice compare by shape), the model stretched linearly so that its speech span
/// (after leading, before trailing silence) lies over the learner's.
enum PitchChart {
    struct Track {
        let pitch: PitchSection
        /// Seconds where speech starts and ends; nil: the whole recording.
        let speechStart: Double
        let speechEnd: Double
    }

    static func svg(learner: Track, model: Track?, durationSeconds: Double) -> String {
        let frame = SVGFrame(height: 200, durationSeconds: durationSeconds)
        let rangeSemitones = 12.0
        func y(_ semitones: Double) -> Double {
            frame.top + frame.plotHeight / 2 - min(max(semitones, -rangeSemitones), rangeSemitones) / rangeSemitones * frame.plotHeight / 2
        }
        var content = ""
        for semitones in stride(from: -12.0, through: 12.0, by: 6.0) {
            let py = HTML.number(y(semitones))
            content += "<line x1=\"\(HTML.number(frame.left))\" y1=\"\(py)\" x2=\"\(HTML.number(frame.left + frame.plotWidth))\" y2=\"\(py)\" stroke=\"#ddd\"/>"
                + "<text x=\"\(HTML.number(frame.left - 4))\" y=\"\(HTML.number(y(semitones) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">\(semitones > 0 ? "+" : "")\(Int(semitones))</text>"
        }
        if let model {
            let scale = (learner.speechEnd - learner.speechStart) / max(model.speechEnd - model.speechStart, 0.01)
            content += path(model.pitch, y: y) { t in frame.x(learner.speechStart + (t - model.speechStart) * scale) }
                .map { "<path class=\"model\" d=\"\($0)\" stroke=\"#8a5300\" stroke-width=\"2\" stroke-dasharray=\"5 3\" fill=\"none\"/>" } ?? ""
        }
        content += path(learner.pitch, y: y) { frame.x($0) }
            .map { "<path class=\"learner\" d=\"\($0)\" stroke=\"#1747a6\" stroke-width=\"2.5\" fill=\"none\"/>" } ?? ""
        let label = model == nil ? "Your pitch contour in semitones around your median"
            : "Your pitch contour (solid blue) over the model's (dashed brown), semitones around each speaker's median"
        return frame.wrap(id: "pitch", label: label, content)
    }

    /// Voiced runs as separate subpaths, so unvoiced stretches are gaps.
    private static func path(_ pitch: PitchSection, y: (Double) -> Double, x: (Double) -> Double) -> String? {
        let voiced = pitch.f0Hz.compactMap { $0 }.filter { $0 > 0 }.sorted()
        guard !voiced.isEmpty else { return nil }
        let median = pitch.summary.medianHz ?? voiced[voiced.count / 2]
        var d = ""
        var drawing = false
        for (index, value) in pitch.f0Hz.enumerated() {
            guard let hz = value, hz > 0 else { drawing = false; continue }
            let semitones = 12 * log2(hz / median)
            let point = "\(HTML.number(x(Double(index) * pitch.hopSeconds))) \(HTML.number(y(semitones)))"
            d += (drawing ? "L" : "M") + point
            drawing = true
        }
        return d
    }
}
