import ArgumentParser
import SpeechServer

/// Where the service keeps its data: shared by `serve`, `worker` and `admin`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Folder for the SQLite database and the recordings.")
    var dataDirectory = "speakwell-data"

    @Option(help: "Database: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB (default: sqlite:DATA/speakwell.sqlite).")
    var database: String?

    func validate() throws {
        if let database {
            do { _ = try DatabaseLocation(database) } catch { throw ValidationError("\(error)") }
        }
    }

    func apply(to configuration: inout ServerConfiguration) {
        configuration.dataDirectory = dataDirectory
        configuration.databaseURL = database
    }
}
