/// The shared frame of every chart: a fixed viewBox scaled to the page width, a title for screen readers,
/// a time axis in seconds.
struct SVGFrame {
    static let width = 640.0
    let height: Double
    let durationSeconds: Double
    let left = 36.0
    let right = 8.0
    let top = 8.0
    let bottom = 22.0

    var plotWidth: Double { Self.width - left - right }
    var plotHeight: Double { height - top - bottom }

    func x(_ seconds: Double) -> Double {
        left + plotWidth * min(max(seconds / max(durationSeconds, 0.001), 0), 1)
    }

    func wrap(id: String, label: String, _ content: String) -> String {
        "<svg id=\"\(id)\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
            + "<title>\(HTML.escape(label))</title>" + content + timeAxis() + "</svg>"
    }

    private func timeAxis() -> String {
        let step = durationSeconds > 30 ? 5.0 : durationSeconds > 10 ? 2.0 : durationSeconds > 4 ? 1.0 : 0.5
        var ticks = ""
        var t = 0.0
        let baseline = top + plotHeight
        while t <= durationSeconds + 1e-9 {
            let px = HTML.number(x(t))
            ticks += "<line x1=\"\(px)\" y1=\"\(HTML.number(baseline))\" x2=\"\(px)\" y2=\"\(HTML.number(baseline + 4))\" stroke=\"#444\"/>"
                + "<text x=\"\(px)\" y=\"\(HTML.number(baseline + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">\(HTML.number(t, 1))</text>"
            t += step
        }
        return "<line x1=\"\(HTML.number(left))\" y1=\"\(HTML.number(baseline))\" x2=\"\(HTML.number(left + plotWidth))\" y2=\"\(HTML.number(baseline))\" stroke=\"#444\"/>"
            + ticks + "<text x=\"\(HTML.number(Self.width - right))\" y=\"\(HTML.number(height - 2))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">s</text>"
    }
}
