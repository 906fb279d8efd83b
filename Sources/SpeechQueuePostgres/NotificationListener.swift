import Logging
import NIOPosix
import PostgresNIO

/// Holds one dedicated connection in LISTEN and calls `onNotify` for every notification;
/// reconnects after a second when the connection drops (polling covers the gap).
struct NotificationListener: Sendable {
    let configuration: PostgresClient.Configuration
    let channel: String
    let logger: Logger

    func run(onNotify: @escaping @Sendable () -> Void) async {
        var connectionConfiguration = PostgresConnection.Configuration(
            host: configuration.host ?? "127.0.0.1", port: configuration.port ?? 5432,
            username: configuration.username, password: configuration.password,
            database: configuration.database, tls: .disable)
        connectionConfiguration.options.additionalStartupParameters = configuration.options.additionalStartupParameters
        var id = 0
        while !Task.isCancelled {
            id += 1
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: connectionConfiguration,
                    id: id, logger: logger).get()
                do {
                    try await connection.listen(on: channel) { notifications in
                        onNotify()  // anything enqueued while we were not listening
                        for try await _ in notifications { onNotify() }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("LISTEN ended", metadata: ["error": "\(error)"]) }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("LISTEN connection failed", metadata: ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
