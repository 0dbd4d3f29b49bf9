import Foundation
import Hummingbird
import Liaison
import Logging

/// The router of the public web record: pages, feeds, JSON API, stylesheet.
///
/// `now` is the clock deciding what is overdue; tests pass a fixed one.
public func buildRouter<Repository: StatementRepository>(
  repository: Repository, options: WebOptions,
  now: @escaping @Sendable () -> Date = { Date() }
) throws -> Router<BasicRequestContext> {
  let renderer = try PageRenderer(siteTitle: options.siteTitle)
  let today: @Sendable () -> String = { CalendarDay.string(from: now()) }
  // HEAD is answered from GET: same status and headers, no body.
  let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ErrorResponseMiddleware(renderer: renderer))
  router.add(
    middleware: ResponseCacheMiddleware(
      cache: ResponseCache(limits: options.cache),
      version: { ResponseCache.Version(changes: try await repository.changeCount(), day: today()) }
    ))
  StatementPagesController(
    repository: repository, renderer: renderer, options: options, today: today
  ).addRoutes(to: router)
  IABController(
    repository: repository, renderer: renderer, commandAddresses: options.commandAddresses,
    today: today
  ).addRoutes(to: router)
  FeedController(repository: repository, options: options, now: now).addRoutes(to: router)
  APIController(repository: repository, today: today).addRoutes(to: router)
  StaticController().addRoutes(to: router)
  return router
}

/// The web record as a Hummingbird application, a `Service` the daemon runs in its
/// `ServiceGroup` (or `liaisond serve` runs alone).
public func buildApplication<Repository: StatementRepository>(
  repository: Repository, options: WebOptions, logger: Logger,
  now: @escaping @Sendable () -> Date = { Date() },
  onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  let router = try buildRouter(repository: repository, options: options, now: now)
  let listener = options.limits.server(host: options.host, port: options.port)
  return Application(
    router: router, server: listener.server, configuration: listener.configuration,
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
    logger: logger)
}
