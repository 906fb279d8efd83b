/// The recording's waveform as a min/max envelope, one column per pixel of the viewBox.
enum WaveformChart {
    static func svg(samples: [Float], sampleRateHz: Int) -> String {
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
        return frame.wrap(id: "waveform", label: "Waveform of the recording, \(HTML.number(duration)) seconds",
                          "<path d=\"\(path)\" stroke=\"#1747a6\" stroke-width=\"1\" fill=\"none\"/>")
    }
}
