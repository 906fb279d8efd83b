import Foundation
import Logging
import PostgresNIO

/// The `SchoolStore` for many machines: the service's tables in the queue's PostgreSQL database, so every
/// API node sees the same users, classes and submissions. Connections come from a `PostgresClient` pool.
public final class PostgresSchoolStore: SchoolStore {
    let client: PostgresClient
    let logger: Logger
    private let background: Task<Void, Never>

    /// Connects and creates the tables (under an advisory lock, so nodes starting together do not race).
    public static func connect(url: String, schema: String? = nil, logger: Logger) async throws -> PostgresSchoolStore {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = 16
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let store = PostgresSchoolStore(configuration: configuration, logger: logger)
        do {
            try await PostgresSchoolSchema.apply(client: store.client, logger: logger)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    private init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.logger = logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        background = Task { await client.run() }
    }

    public func close() async {
        background.cancel()
        _ = await background.value
    }

    public func ping() async throws {
        _ = try await client.query("SELECT 1", logger: logger).collect()
    }
}
