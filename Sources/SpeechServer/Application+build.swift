import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle
import SpeechWorker

/// Builds the whole service: HTTP API and pages, the worker pool and queue maintenance, all in the
/// application's one ServiceGroup (graceful shutdown on SIGTERM/SIGINT: the server stops accepting,
/// workers finish or hand back their jobs, then the database closes). Used by `speakwell serve` and
/// by the tests (HummingbirdTesting).
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    let environment = try await ServerEnvironment.open(configuration)
    return try await buildApplication(environment: environment)
}

/// The same over an already opened environment (tests create users in it first).
public func buildApplication(environment: ServerEnvironment,
                             onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in })
    async throws -> some ApplicationProtocol {
    ServerMetrics.bootstrap()
    let configuration = environment.configuration
    var logger = Logger(label: "speakwell")
    logger.logLevel = configuration.logLevel

    let router = buildRouter(environment: environment)

    let recovered = try await SubmissionDesk(environment: environment).recoverUnqueued()
    if recovered > 0 { logger.notice("enqueued submissions stored before a crash", metadata: ["submissions": "\(recovered)"]) }

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "speakwell"),
        onServerRunning: onServerRunning,
        logger: logger)
    // Services stop in reverse order: server first, then maintenance and workers, the database last.
    app.addServices(EnvironmentCloser(environment: environment))
    if configuration.runWorkers {
        var workerLogger = logger
        workerLogger[metadataKey: "component"] = "worker"
        app.addServices(WorkerPool(queue: environment.queue, recordings: environment.recordings,
                                   configuration: configuration.workers, logger: workerLogger))
    }
    app.addServices(QueueMaintenance(queue: environment.queue, configuration: configuration.maintenance, logger: logger))
    return app
}

/// Every route of the API and the pages, with the middleware in front (outermost first: request id, logging
/// and error bodies; request metrics; bearer authentication).
public func buildRouter(environment: ServerEnvironment) -> Router<SpeakwellContext> {
    let router = Router(context: SpeakwellContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: BearerAuthenticator(store: environment.store))
    let access = AccessPolicy(store: environment.store)
    OperationsRoutes(environment: environment).register(on: router)
    UserRoutes(environment: environment).register(on: router)
    ExerciseRoutes(environment: environment, access: access).register(on: router)
    SubmissionRoutes(environment: environment, access: access).register(on: router)
    ReportRoutes(environment: environment, access: access).register(on: router)
    ClassRoutes(environment: environment, access: access).register(on: router)
    BatchRoutes(environment: environment, access: access).register(on: router)
    PageRoutes(environment: environment, access: access).register(on: router)
    return router
}

/// Closes the database once everything else in the group has stopped.
struct EnvironmentCloser: Service {
    let environment: ServerEnvironment

    func run() async throws {
        try? await gracefulShutdown()
        await environment.close()
    }
}
