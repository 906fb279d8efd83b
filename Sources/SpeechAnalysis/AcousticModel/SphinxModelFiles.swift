import Foundation

/// The binary model definition (`mdef`, "BMDF" format of PocketSphinx's bin_mdef.c): CI phone names and the
/// senones of each CI phone's states. Triphones are skipped.
struct SphinxModelDefinition {
    var phones: [String]
    var ciPhoneSenones: [[Int]]
    var ciSenoneCount: Int
    var senoneCount: Int
    var ciSenoneCodebook: [Int]

    static func read(path: String) throws(AcousticModelError) -> SphinxModelDefinition {
        var reader = try SphinxBinaryReader(path: path)
        guard try reader.take(4).elementsEqual("BMDF".utf8) else { throw .modelInvalid(path, "not a binary mdef (BMDF)") }
        _ = try reader.int32()                                   // format version
        let descriptionLength = try reader.int32()
        _ = try reader.take(descriptionLength)
        let ciPhones = try reader.int32(), allPhones = try reader.int32(), states = try reader.int32()
        let ciSenones = try reader.int32(), senones = try reader.int32()
        _ = try reader.int32()                                   // transition matrices
        let sequences = try reader.int32()
        _ = try reader.int32()                                   // context size
        let treeNodes = try reader.int32()
        _ = try reader.int32()                                   // silence phone
        guard ciPhones > 0, ciPhones <= allPhones, states == 3, ciSenones == ciPhones * states, senones >= ciSenones else {
            throw .modelInvalid(path, "unexpected shape (\(ciPhones) CI phones, \(states) states, \(ciSenones) CI senones)")
        }
        let namesStart = reader.offset
        let phones = try (0..<ciPhones).map { (_: Int) throws(AcousticModelError) -> String in try reader.cString() }
        reader.offset = namesStart + ((reader.offset - namesStart + 3) & ~3)
        _ = try reader.take(8 * treeNodes)                       // cd_tree_t {int16 ctx, int16 n_down, int32 down}
        var sequenceOfPhone: [Int] = []
        for phone in 0..<allPhones {                             // mdef_entry_t {int32 ssid, int32 tmat, 4 bytes info}
            let ssid = try reader.int32()
            _ = try reader.take(8)
            if phone < ciPhones { sequenceOfPhone.append(ssid) }
        }
        let sequenceValues = try reader.int32()
        guard sequenceValues == sequences * states else { throw .modelInvalid(path, "senone sequences do not match") }
        let table = try reader.take(2 * sequenceValues)
        func senone(_ index: Int) -> Int {
            let at = table.startIndex + 2 * index
            return Int(UInt16(table[at]) | UInt16(table[at + 1]) << 8)
        }
        var phoneSenones: [[Int]] = []
        var codebook = [Int](repeating: -1, count: ciSenones)
        for (phone, ssid) in sequenceOfPhone.enumerated() {
            guard ssid >= 0, ssid < sequences else { throw .modelInvalid(path, "phone \(phones[phone]) has no senone sequence") }
            let ids = (0..<states).map { senone(ssid * states + $0) }
            guard ids.allSatisfy({ $0 < ciSenones }) else { throw .modelInvalid(path, "CI phone \(phones[phone]) uses a CD senone") }
            ids.forEach { codebook[$0] = phone }
            phoneSenones.append(ids)
        }
        guard !codebook.contains(-1) else { throw .modelInvalid(path, "a CI senone belongs to no CI phone") }
        return SphinxModelDefinition(phones: phones, ciPhoneSenones: phoneSenones, ciSenoneCount: ciSenones,
                                     senoneCount: senones, ciSenoneCodebook: codebook)
    }
}

/// A gaussian parameter file (`means`, `variances`; "s3" format of PocketSphinx's ms_gauden.c).
struct SphinxGaussians {
    var codebooks: Int
    var dimensions: [Int]
    var densities: Int
    /// codebook, stream, density, dimension.
    var values: [Float]

    static func read(path: String) throws(AcousticModelError) -> SphinxGaussians {
        var reader = try SphinxBinaryReader(path: path)
        guard try reader.take(3).elementsEqual("s3\n".utf8) else { throw .modelInvalid(path, "not an s3 file") }
        _ = try reader.s3Header()
        let codebooks = try reader.int32(), streams = try reader.int32(), densities = try reader.int32()
        guard codebooks > 0, (1...4).contains(streams), densities > 0 else { throw .modelInvalid(path, "unexpected shape") }
        let dimensions = try (0..<streams).map { (_: Int) throws(AcousticModelError) -> Int in try reader.int32() }
        let count = try reader.int32()
        guard dimensions.allSatisfy({ $0 > 0 }), count == codebooks * densities * dimensions.reduce(0, +) else {
            throw .modelInvalid(path, "\(count) values do not match \(codebooks) x \(densities) x \(dimensions)")
        }
        return SphinxGaussians(codebooks: codebooks, dimensions: dimensions, densities: densities, values: try reader.floats(count))
    }
}

/// Mixture weights (`sendump`, 8-bit quantised -log weights, layout stream x density x senone; ptm_mgau.c).
enum SphinxMixtureWeights {
    /// Log weights (nats) of the first `keepingSenones` senones, laid out senone x stream x density.
    static func read(path: String, streams: Int, densities: Int, senones: Int,
                     keepingSenones kept: Int) throws(AcousticModelError) -> [Float] {
        var reader = try SphinxBinaryReader(path: path)
        var clusters = 0
        while true {
            let length = try reader.int32()
            if length == 0 { break }
            guard length > 0, length < 1000 else { throw .modelInvalid(path, "not a sendump header") }
            let line = String(decoding: try reader.take(length).prefix { $0 != 0 }, as: UTF8.self)
            if line.hasPrefix("cluster_count ") { clusters = Int(line.dropFirst(14)) ?? -1 }
        }
        guard clusters == 0 else { throw .modelInvalid(path, "clustered (4-bit) weights are not supported") }
        let rows = try reader.int32(), columns = try reader.int32()
        guard rows == densities, columns == senones else { throw .modelInvalid(path, "\(rows) x \(columns) weights, expected \(densities) x \(senones)") }
        let values = try reader.take(streams * densities * senones)
        var out = [Float](repeating: 0, count: kept * streams * densities)
        for stream in 0..<streams {
            for density in 0..<densities {
                let row = values.startIndex + (stream * densities + density) * senones
                for senone in 0..<kept {
                    out[(senone * streams + stream) * densities + density] = -Float(values[row + senone]) * Float(SphinxAcousticModel.weightUnitNats)
                }
            }
        }
        return out
    }
}
