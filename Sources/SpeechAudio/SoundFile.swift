import CSndFile
import Synchronization

/// An open libsndfile handle, from a path or from bytes in memory (virtual I/O, no temp files).
final class SoundFile {
    let handle: OpaquePointer
    let info: SF_INFO
    /// Keeps the in-memory reader alive as long as libsndfile may call back into it.
    private let memory: MemoryReader?

    init(path: String) throws(DecodeError) {
        var info = SF_INFO()
        self.handle = try Self.open { sf_open(path, Int32(SFM_READ), &info) }
        self.info = info
        self.memory = nil
    }

    init(bytes: UnsafeRawBufferPointer) throws(DecodeError) {
        let reader = MemoryReader(bytes: bytes)
        var info = SF_INFO()
        var io = MemoryReader.virtualIO
        self.handle = try Self.open { sf_open_virtual(&io, Int32(SFM_READ), &info, Unmanaged.passUnretained(reader).toOpaque()) }
        self.info = info
        self.memory = reader
    }

    /// libsndfile reports why an open failed in one process-wide variable (`sf_error(NULL)`), which every open also
    /// clears when it starts: with workers decoding on several threads, a failed open could read another file's
    /// reason or none ("No Error.") and give a WebM upload `unreadable` instead of `unsupportedContainer`. Opens and
    /// the read of their error are therefore serialised; only the header parse is inside, not the decoding.
    private static let openLock = Mutex(())

    private static func open(_ call: () -> OpaquePointer?) throws(DecodeError) -> OpaquePointer {
        let opened: Result<OpaquePointer, DecodeError> = openLock.withLock { _ in
            if let handle = call() { return .success(handle) }
            return .failure(openError())
        }
        return try opened.get()
    }

    deinit { sf_close(handle) }

    /// libsndfile's diagnostic log for this file; it names header/data length mismatches.
    var log: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = sf_command(handle, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix(Int(max(0, count))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var streamError: String? {
        sf_error(handle) == 0 ? nil : String(cString: sf_strerror(handle))
    }

    private static func openError() -> DecodeError {
        let code = sf_error(nil)
        let text = String(cString: sf_strerror(nil))
        switch Int(code) {
        case sndfileConstant(SF_ERR_UNRECOGNISED_FORMAT):
            return .unsupportedContainer(supported: SupportedFormats.containers)
        case sndfileConstant(SF_ERR_MALFORMED_FILE):
            if text.lowercased().contains("short") || text.lowercased().contains("eof") {
                return .truncatedStream(text)
            }
            return .unreadable(text)
        default:
            return .unreadable(text)
        }
    }
}

/// Random access over caller-owned bytes for libsndfile's virtual I/O callbacks.
private final class MemoryReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> MemoryReader {
        Unmanaged<MemoryReader>.fromOpaque(pointer!).takeUnretainedValue()
    }

    static let virtualIO = SF_VIRTUAL_IO(
        get_filelen: { user in sf_count_t(MemoryReader.from(user).bytes.count) },
        seek: { offset, whence, user in
            let reader = MemoryReader.from(user)
            let base: Int
            switch whence {
            case SEEK_CUR: base = reader.position
            case SEEK_END: base = reader.bytes.count
            default: base = 0
            }
            reader.position = min(max(0, base + Int(offset)), reader.bytes.count)
            return sf_count_t(reader.position)
        },
        read: { destination, count, user in
            let reader = MemoryReader.from(user)
            let available = min(Int(count), reader.bytes.count - reader.position)
            guard available > 0, let destination, let source = reader.bytes.baseAddress else { return 0 }
            destination.copyMemory(from: source + reader.position, byteCount: available)
            reader.position += available
            return sf_count_t(available)
        },
        write: { _, _, _ in 0 },
        tell: { user in sf_count_t(MemoryReader.from(user).position) }
    )
}
