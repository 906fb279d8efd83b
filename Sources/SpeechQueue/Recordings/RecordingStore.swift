import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable, content-addressed recording files: `DIR/ab/abcdef…` named by SHA-256 (swift-crypto).
///
/// `store` returns only after the bytes are on disk: write a temporary file, fsync it, rename it into
/// place, fsync the directory (the rename itself must survive a power cut). A submission is acknowledged
/// only after `store` returned. `read` re-hashes and refuses damaged files. Back up by copying the
/// directory (files never change once written; rsync/restic are fine while the service runs).
public struct RecordingStore: Sendable {
    public let directory: String

    public init(directory: String) throws(QueueError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .recordingIO("mkdir -p", path: directory, errno: errno)
        }
        try Self.makeDirectory(directory + "/tmp")
    }

    /// Stores the bytes durably and returns their digest; storing the same bytes again is a cheap no-op.
    @discardableResult
    public func store(_ bytes: Data) throws(QueueError) -> RecordingDigest {
        let digest = Self.digest(of: bytes)
        let finalPath = path(for: digest)
        if access(finalPath, F_OK) == 0 { return digest }
        let shardDirectory = directory + "/" + String(digest.hex.prefix(2))
        let shardIsNew = access(shardDirectory, F_OK) != 0
        try Self.makeDirectory(shardDirectory)
        let temporaryPath = "\(directory)/tmp/\(digest.hex).\(UUID().uuidString)"
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .recordingIO("create", path: temporaryPath, errno: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporaryPath)
        }
        let writeError: Int32 = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32 in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        guard writeError == 0 else { throw .recordingIO("write", path: temporaryPath, errno: writeError) }
        guard fsync(fd) == 0 else { throw .recordingIO("fsync", path: temporaryPath, errno: errno) }
        closed = true
        guard close(fd) == 0 else { throw .recordingIO("close", path: temporaryPath, errno: errno) }
        guard rename(temporaryPath, finalPath) == 0 else { throw .recordingIO("rename", path: finalPath, errno: errno) }
        try Self.syncDirectory(shardDirectory)
        if shardIsNew { try Self.syncDirectory(directory) }
        return digest
    }

    /// The recording's bytes, verified against its digest.
    public func read(_ digest: RecordingDigest) throws(QueueError) -> Data {
        let filePath = path(for: digest)
        guard let bytes = FileManager.default.contents(atPath: filePath) else {
            if access(filePath, F_OK) != 0 { throw .recordingNotFound(digest) }
            throw .recordingIO("read", path: filePath, errno: errno)
        }
        let actual = Self.digest(of: bytes)
        guard actual == digest else { throw .checksumMismatch(digest, actual: actual.hex) }
        return bytes
    }

    public func contains(_ digest: RecordingDigest) -> Bool { access(path(for: digest), F_OK) == 0 }

    /// Deletes a recording (retention); absent recordings are not an error.
    public func remove(_ digest: RecordingDigest) throws(QueueError) {
        let filePath = path(for: digest)
        if unlink(filePath) != 0, errno != ENOENT { throw .recordingIO("unlink", path: filePath, errno: errno) }
    }

    public func path(for digest: RecordingDigest) -> String {
        "\(directory)/\(digest.hex.prefix(2))/\(digest.hex)"
    }

    public static func digest(of bytes: Data) -> RecordingDigest {
        let hex = SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xf)]], as: UTF8.self)
        }.joined()
        return RecordingDigest(hex: hex)!
    }

    private static func makeDirectory(_ path: String) throws(QueueError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw .recordingIO("mkdir", path: path, errno: errno) }
    }

    private static func syncDirectory(_ path: String) throws(QueueError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .recordingIO("open", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .recordingIO("fsync", path: path, errno: errno) }
    }
}
