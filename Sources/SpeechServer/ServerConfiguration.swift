import Foundation
import Logging
import SpeechAudio
import SpeechQueue
import SpeechWorker

/// Every setting of `speakwell serve`, with its default, in one place (docs/operations.md lists them).
public struct ServerConfiguration: Sendable {
    /// Address to listen on; `0.0.0.0` to serve a classroom's devices.
    public var host = "127.0.0.1"
    public var port = 8080
    /// SQLite file and recordings live here (unless `databaseURL` names PostgreSQL, then only recordings).
    public var dataDirectory = "speakwell-data"
    /// `sqlite:PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`; nil: `sqlite:DATA/speakwell.sqlite`.
    public var databaseURL: String?
    /// PostgreSQL schema holding the queue's and the service's tables (one database can host several
    /// independent services, e.g. a staging copy); ignored for SQLite.
    public var postgresSchema = "public"
    /// Run the worker pool in this process (`speakwell serve --workers 0` serves the API only).
    public var runWorkers = true
    public var workers = WorkerPoolConfiguration()
    public var queue = QueueConfiguration()
    public var maintenance = QueueMaintenance.Configuration()
    /// Uploads larger than this are refused with 413 before their body is read (bytes).
    public var uploadLimitBytes = 20 * 1024 * 1024
    /// What an upload must satisfy (also checked again by the worker).
    public var decodeLimits = DecodeLimits()
    /// Longest `?wait=` a result request may ask for (seconds).
    public var longPollMaximumSeconds = 60.0
    public var logLevel: Logger.Level = .info

    public init() {}

    /// Where the SQLite database is, or the PostgreSQL URL.
    public var database: DatabaseLocation {
        get throws { try DatabaseLocation(databaseURL ?? "sqlite:\(dataDirectory)/speakwell.sqlite") }
    }

    /// Where recordings are stored; nil: `DATA/recordings`. Workers on other machines point this at shared storage.
    public var recordingsDirectoryOverride: String?

    public var recordingsDirectory: String { recordingsDirectoryOverride ?? "\(dataDirectory)/recordings" }
}
