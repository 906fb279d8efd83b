import CSndFile

/// What the installed libsndfile can read, asked at run time so the error message never lies.
public enum SupportedFormats {
    /// File extensions of every container libsndfile reports, e.g. `["wav", "aiff", "flac", "ogg", "mp3", ...]`.
    public static let containers: [String] = {
        var count: Int32 = 0
        sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR_COUNT), &count, Int32(MemoryLayout<Int32>.size))
        var names: [String] = []
        for index in 0..<count {
            var info = SF_FORMAT_INFO()
            info.format = index
            sf_command(nil, Int32(SFC_GET_FORMAT_MAJOR), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            guard let ext = info.extension else { continue }
            // libsndfile names Ogg "oga" and MPEG audio "m1a"; people know them as ogg and mp3.
            let familiar = ["oga": "ogg", "m1a": "mp3"]
            let name = String(cString: ext)
            names.append(familiar[name] ?? name)
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }()

    /// The libsndfile version string, e.g. `"libsndfile-1.2.0"`.
    public static var libraryVersion: String { String(cString: sf_version_string()) }

    /// A short stable name for a libsndfile format word, e.g. `"wav/pcm16"`, `"ogg/opus"`, `"mp3"`.
    static func name(of format: Int32) -> String {
        let major = Int(format) & sndfileConstant(SF_FORMAT_TYPEMASK)
        let sub = Int(format) & sndfileConstant(SF_FORMAT_SUBMASK)
        let majorName: String = switch major {
        case sndfileConstant(SF_FORMAT_WAV), sndfileConstant(SF_FORMAT_WAVEX): "wav"
        case sndfileConstant(SF_FORMAT_AIFF): "aiff"
        case sndfileConstant(SF_FORMAT_FLAC): "flac"
        case sndfileConstant(SF_FORMAT_OGG): "ogg"
        case sndfileConstant(SF_FORMAT_MPEG): "mp3"
        case sndfileConstant(SF_FORMAT_W64): "w64"
        case sndfileConstant(SF_FORMAT_RF64): "rf64"
        case sndfileConstant(SF_FORMAT_CAF): "caf"
        case sndfileConstant(SF_FORMAT_AU): "au"
        default: "other"
        }
        let subName: String = switch sub {
        case sndfileConstant(SF_FORMAT_PCM_S8), sndfileConstant(SF_FORMAT_PCM_U8): "pcm8"
        case sndfileConstant(SF_FORMAT_PCM_16): "pcm16"
        case sndfileConstant(SF_FORMAT_PCM_24): "pcm24"
        case sndfileConstant(SF_FORMAT_PCM_32): "pcm32"
        case sndfileConstant(SF_FORMAT_FLOAT): "float32"
        case sndfileConstant(SF_FORMAT_DOUBLE): "float64"
        case sndfileConstant(SF_FORMAT_VORBIS): "vorbis"
        case sndfileConstant(SF_FORMAT_OPUS): "opus"
        case sndfileConstant(SF_FORMAT_ULAW): "ulaw"
        case sndfileConstant(SF_FORMAT_ALAW): "alaw"
        case sndfileConstant(SF_FORMAT_MPEG_LAYER_I), sndfileConstant(SF_FORMAT_MPEG_LAYER_II),
             sndfileConstant(SF_FORMAT_MPEG_LAYER_III): "mpeg"
        default: "other"
        }
        return major == sndfileConstant(SF_FORMAT_MPEG) ? "mp3" : "\(majorName)/\(subName)"
    }
}

/// libsndfile's constants import as plain integers or as typed enums depending on their C enum;
/// these overloads let the format tables read the same either way.
func sndfileConstant(_ value: Int) -> Int { value }
func sndfileConstant<E: RawRepresentable>(_ value: E) -> Int where E.RawValue: BinaryInteger { Int(value.rawValue) }
