import Foundation
import Hummingbird
import HummingbirdCore
import Liaison
import Logging

/// The public web record: its router (pages, feeds, JSON API, stylesheet), and the cached
/// pages a listener of it answers before the router (`CachedPageHandler`).
public struct WebSite {
  public let router: Router<BasicRequestContext>
  let pages: CachedPages

  /// The HTTP/1.1 server and application configuration of a listener on `host:port`
  /// serving this site under `limits`.
  public func server(limits: WebLimits, host: String, port: Int) -> (
    server: HTTPServerBuilder, configuration: ApplicationConfiguration
  ) {
    limits.server(host: host, port: port, pages: pages)
  }
}

/// The web record's site.
///
/// `now` is the clock deciding what is overdue; tests pass a fixed one. `versionClock`
/// times how long the record's version is taken as known (`RecordVersion`).
public func buildSite<Repository: StatementRepository>(
  repository: Repository, options: WebOptions,
  now: @escaping @Sendable () -> Date = { Date() }
) throws -> WebSite {
  try buildSite(repository: repository, options: options, now: now, versionClock: { .now })
}

func buildSite<Repository: StatementRepository>(
  repository: Repository, options: WebOptions, now: @escaping @Sendable () -> Date,
  versionClock: @escaping @Sendable () -> ContinuousClock.Instant
) throws -> WebSite {
  let renderer = try PageRenderer(siteTitle: options.siteTitle)
  let today: @Sendable () -> String = { CalendarDay.string(from: now()) }
  let version = RecordVersion(
    clock: versionClock, today: today, readChanges: { try await repository.changeCount() })
  repository.onWrite { version.recordWritten() }
  let cache = ResponseCache(limits: options.cache)
  // HEAD is answered from GET: same status and headers, no body.
  let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ErrorResponseMiddleware(renderer: renderer))
  router.add(middleware: ResponseCacheMiddleware(cache: cache, version: version))
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
  return WebSite(router: router, pages: CachedPages(cache: cache, version: version))
}

/// The router of the public web record alone (tests; a listener of `buildSite` answers
/// cached pages before it).
public func buildRouter<Repository: StatementRepository>(
  repository: Repository, options: WebOptions,
  now: @escaping @Sendable () -> Date = { Date() }
) throws -> Router<BasicRequestContext> {
  try buildSite(repository: repository, options: options, now: now).router
}

/// The web record as a Hummingbird application, a `Service` the daemon runs in its
/// `ServiceGroup` (or `liaisond serve` runs alone).
public func buildApplication<Repository: StatementRepository>(
  repository: Repository, options: WebOptions, logger: Logger,
  now: @escaping @Sendable () -> Date = { Date() },
  onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  try buildApplication(
    site: buildSite(repository: repository, options: options, now: now), options: options,
    logger: logger, onServerRunning: onServerRunning)
}

func buildApplication(
  site: WebSite, options: WebOptions, logger: Logger,
  onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
  let listener = site.server(limits: options.limits, host: options.host, port: options.port)
  return Application(
    router: site.router, server: listener.server, configuration: listener.configuration,
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
    logger: logger)
}
