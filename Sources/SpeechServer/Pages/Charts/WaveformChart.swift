import SpeechAnalysis

/// The recording's waveform as a min/max envelope, one column per pixel of the viewBox, with word
/// boundaries and labels when `words` are given.
enum WaveformChart {
    static func svg(samples: [Float], sampleRateHz: Int, words: [ReferenceWord] = []) -> String {
        let duration = Double(samples.count) / Double(max(sampleRateHz, 1))
        let frame = SVGFrame(height: 120, durationSeconds: duration)
        let columns = Int(frame.plotWidth)
        let middle = frame.top + frame.plotHeight / 2
        var peak: Float = 1e-6
        for sample in samples { peak = max(peak, abs(sample)) }
        var path = ""
        if !samples.isEmpty {
            for column in 0..<columns {
                let start = samples.count * column / columns
                let end = max(start + 1, samples.count * (column + 1) / columns)
                var low: Float = 0, high: Float = 0
                for index in start..<min(end, samples.count) {
                    low = min(low, samples[index])
                    high = max(high, samples[index])
                }
                let x = HTML.number(frame.left + Double(column) + 0.5)
                let y1 = middle - Double(high / peak) * frame.plotHeight / 2
                let y2 = middle - Double(low / peak) * frame.plotHeight / 2
                path += "M\(x) \(HTML.number(y1))V\(HTML.number(max(y2, y1 + 0.5)))"
            }
        }
        var marks = ""
        for (index, word) in words.enumerated() {
            let start = HTML.number(frame.x(word.startSeconds)), end = HTML.number(frame.x(word.endSeconds))
            let labelY = HTML.number(frame.top + (index.isMultiple(of: 2) ? 10 : 22))
            marks += "<line class=\"word\" x1=\"\(start)\" y1=\"\(HTML.number(frame.top))\" x2=\"\(start)\" "
                + "y2=\"\(HTML.number(frame.top + frame.plotHeight))\" stroke=\"#b3261e\" stroke-width=\"1\"/>"
                + "<text x=\"\(HTML.number((frame.x(word.startSeconds) + frame.x(word.endSeconds)) / 2))\" y=\"\(labelY)\" "
                + "font-size=\"11\" text-anchor=\"middle\" fill=\"#222\">\(HTML.escape(word.word))</text>"
            if index == words.count - 1 || abs(words[index + 1].startSeconds - word.endSeconds) > 0.005 {
                marks += "<line x1=\"\(end)\" y1=\"\(HTML.number(frame.top))\" x2=\"\(end)\" "
                    + "y2=\"\(HTML.number(frame.top + frame.plotHeight))\" stroke=\"#b3261e\" stroke-dasharray=\"3 2\"/>"
            }
        }
        return frame.wrap(id: "waveform", label: "Waveform of the recording, \(HTML.number(duration)) seconds",
                          "<path d=\"\(path)\" stroke=\"#1747a6\" stroke-width=\"1\" fill=\"none\"/>" + marks)
    }
}
