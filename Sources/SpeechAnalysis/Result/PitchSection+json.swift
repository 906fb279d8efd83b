import Foundation

extension PitchSection {
    /// The section as compact JSON with sorted keys, equal to JSONEncoder's output for it: the small fields go
    /// through JSONEncoder, the two per-frame arrays (100 values per second each) are written directly.
    func compactJSON() throws -> Data {
        var head = self
        head.f0Hz = []
        head.voicing = []
        var bytes = try ResultDocument.encoder(pretty: false).encode(head)
        bytes = SortedJSONObject.replacingEmptyArray(key: "f0_hz", with: Self.arrayJSON(f0Hz), in: bytes)
        bytes = SortedJSONObject.replacingEmptyArray(key: "voicing", with: Self.arrayJSON(voicing), in: bytes)
        return bytes
    }

    /// `[v0,v1,...]` with `null` for nil, numbers as JSONEncoder writes them (shortest round-trip form, no ".0").
    static func arrayJSON(_ values: [Double?]) -> Data {
        var text = "["
        text.reserveCapacity(values.count * 8 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { text.append(",") }
            if let value { appendNumber(value, to: &text) } else { text.append("null") }
        }
        text.append("]")
        return Data(text.utf8)
    }

    static func arrayJSON(_ values: [Double]) -> Data {
        var text = "["
        text.reserveCapacity(values.count * 6 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { text.append(",") }
            appendNumber(value, to: &text)
        }
        text.append("]")
        return Data(text.utf8)
    }

    private static func appendNumber(_ value: Double, to text: inout String) {
        // Frame values are finite by construction (rounded Hz and probabilities); JSON has no NaN.
        precondition(value.isFinite, "non-finite pitch value \(value)")
        // As JSONEncoder: the shortest round-trip form with a trailing ".0" dropped.
        let description = value.description
        text.append(contentsOf: description.hasSuffix(".0") ? description.dropLast(2) : Substring(description))
    }
}
