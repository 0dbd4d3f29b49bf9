import Foundation
import Hummingbird
import Logging
import Routing
import ServiceLifecycle
import Store
import UnixSignals
import Web
import Workflow

/// `liaisond run`: the mailbox poller, the outbox sender, the reminder scheduler and the
/// web record in one `ServiceGroup`, with the systemd protocol, SIGHUP reloads and the
/// store lock that keeps a second instance away.
///
/// SIGTERM or SIGINT starts a graceful shutdown: the poller finishes the message in hand
/// (recorded and committed, or left in the mailbox), the sender finishes the mail in
/// hand, then everything stops. Nothing is left half done.
public final class LiaisonDaemon: Sendable {
  public let metrics: DaemonMetrics
  public let health: HealthState
  public let store: LiaisonStore
  /// What every loop of the daemon stamps its work with and sleeps on.
  public let clock: any WallClock
  let state: DaemonState
  let loader: ConfigurationLoader
  let configurationPath: String?
  let notifier: SystemdNotifier
  let logger: Logger
  /// Held for the daemon's lifetime: the kernel releases it when the process ends.
  let lock: StoreLock
  /// The port `/metrics` and `/healthz` listen on once bound (useful when configured 0).
  public let observabilityPort = BoundPort()
  /// Rung when intake has queued mail: the outbox sends it at once, not on its next tick.
  let outboxWake = WakeSignal()

  /// Takes the store lock, opens the store and loads the registry.
  ///
  /// - Throws: `DaemonError.alreadyRunning` when another liaisond holds the store,
  ///   `.startup` when the store or the registry cannot be opened.
  public init(
    configuration: LiaisondConfiguration, configurationPath: String?, loader: ConfigurationLoader,
    notifier: SystemdNotifier, clock: any WallClock, metrics: DaemonMetrics = DaemonMetrics(),
    logger: Logger
  ) throws(DaemonError) {
    do {
      lock = try StoreLock.acquire(directory: configuration.store.path)
    } catch {
      if case .locked = error { throw .alreadyRunning(reason: "\(error)") }
      throw .startup(component: "store lock", reason: "\(error)")
    }
    do {
      store = try LiaisonStore(
        directory: configuration.store.path, logger: logger,
        gatewayAddresses: [configuration.gatewayAddress])
    } catch {
      throw .startup(component: "record", reason: "\(error)")
    }
    let registry: GroupRegistry
    do {
      registry = try configuration.loadRegistry()
    } catch {
      throw .startup(component: "group registry", reason: "\(error)")
    }
    self.metrics = metrics
    self.clock = clock
    self.health = HealthState(
      pollThreshold: configuration.health.pollFailureThreshold,
      sendThreshold: configuration.health.sendFailureThreshold, startedAt: clock.now(),
      pollInterval: configuration.imap.pollInterval)
    self.loader = loader
    self.configurationPath = configurationPath
    self.notifier = notifier
    self.logger = logger
    state = DaemonState(
      configuration: configuration, registry: registry,
      pipeline: IngestPipeline(
        configuration: configuration, store: store, registry: registry, clock: clock,
        metrics: metrics, logger: logger))
    for warning in configuration.warnings {
      logger.warning("configuration: \(warning)")
    }
  }

  public var configuration: LiaisondConfiguration {
    get async { await state.configuration }
  }

  /// 1 at start, +1 per successful reload.
  public var generation: Int {
    get async { await state.generation }
  }

  // MARK: Running

  /// Runs until SIGTERM/SIGINT (or `shutdownGracefully()` of the returned group's trigger).
  /// `onReady` runs once the web server listens, with its port (useful when it is 0).
  public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let options = await state.configuration.webOptions
    let webLimits = DescriptorLimit.fit(
      web: options.limits, monitor: Self.observabilityLimits, logger: logger)
    let group = try await makeServiceGroup(signals: true, webLimits: webLimits, onReady: onReady)
    try await group.run()
  }

  /// The service group of the daemon. Without `signals`, the caller stops it with
  /// `triggerGracefulShutdown()` (tests). `webLimits` replaces the configured ones (`run`
  /// passes them fitted to the descriptor limit).
  public func makeServiceGroup(
    signals: Bool, webLimits: WebLimits? = nil,
    onReady: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws -> ServiceGroup {
    let configuration = await state.configuration
    let site: WebSite
    do {
      site = try buildSite(repository: store, options: configuration.webOptions)
    } catch {
      throw DaemonError.startup(component: "web record", reason: "\(error)")
    }
    let notifier = self.notifier
    let logger = self.logger
    let options = configuration.webOptions
    let listener = site.server(
      limits: webLimits ?? options.limits, host: options.host, port: options.port)
    let web = Application(
      router: site.router, server: listener.server, configuration: listener.configuration,
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.web.listen.port
        logger.notice(
          "liaisond is running",
          metadata: [
            "web.listen": "\(configuration.web.listen.host):\(port)",
            "imap.mailbox": "\(configuration.imap.mailbox)",
          ])
        do {
          try notifier.ready(
            status: "polling \(configuration.imap.mailbox), web record on port \(port)")
        } catch {
          logger.warning(
            "cannot tell systemd that liaisond is ready", metadata: ["error": "\(error)"])
        }
        await onReady(port)
      },
      logger: logger)

    // Shut down in reverse order: first stop fetching, then sending, then reminders,
    // the web record, and /healthz last.
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
      .init(service: observabilityApplication(listen: configuration.observability.listen)),
      .init(service: web),
      .init(service: ReminderService(daemon: self)),
      .init(service: OutboxService(daemon: self)),
      .init(service: PollerService(daemon: self)),
      .init(service: SystemdService(notifier: notifier, logger: logger)),
    ]
    if signals {
      services.append(.init(service: SignalReloadService { [self] in _ = await self.reload() }))
    }
    var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
    if signals {
      groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
    }
    // A second SIGTERM, or a stop that hangs, must still end the process before systemd kills it.
    groupConfiguration.maximumGracefulShutdownDuration = .seconds(60)
    return ServiceGroup(configuration: groupConfiguration)
  }

  /// A monitor needs few connections, and short ones.
  static let observabilityLimits = WebLimits(maxConnections: 16, idleTimeout: .seconds(10))

  /// `/metrics` and `/healthz` on their own listener (`observability.listen`): a crowd on
  /// the public record cannot keep a monitor from them, nor see them.
  func observabilityApplication(listen: ListenAddress) -> some Service {
    let router = Router(context: BasicRequestContext.self)
    ObservabilityRoutes.add(to: router, metrics: metrics, health: health, clock: clock) {
      [self] in
      await self.refreshOutbox()
    }
    let listener = Self.observabilityLimits.server(host: listen.host, port: listen.port)
    let logger = self.logger
    let port = self.observabilityPort
    return Application(
      router: router, server: listener.server, configuration: listener.configuration,
      onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? listen.port
        port.set(bound)
        logger.notice(
          "metrics and health", metadata: ["observability.listen": "\(listen.host):\(bound)"])
      }, logger: logger)
  }

  // MARK: Reloading

  /// Re-reads the configuration and the registry. On any problem the running
  /// configuration is kept and every problem is logged. Returns whether it was replaced.
  @discardableResult
  public func reload() async -> Bool {
    do {
      try notifier.reloading()
    } catch {
      logger.warning("cannot tell systemd about the reload", metadata: ["error": "\(error)"])
    }
    defer {
      do {
        try notifier.ready(status: "running")
      } catch {
        logger.warning("cannot tell systemd that the reload ended", metadata: ["error": "\(error)"])
      }
    }
    let current = await state.configuration
    let outcome = await loader.check(path: configurationPath, requirement: .daemon)
    guard outcome.issues.isEmpty else {
      for issue in outcome.issues {
        logger.error("configuration problem", metadata: ["issue": "\(issue)"])
      }
      logger.error(
        "reload failed; keeping the running configuration",
        metadata: ["problems": "\(outcome.issues.count)"])
      return false
    }
    var next = outcome.configuration
    let registry: GroupRegistry
    do {
      registry = try next.loadRegistry()
    } catch {
      logger.error(
        "reload failed; keeping the running configuration", metadata: ["error": "\(error)"])
      return false
    }
    // These are bound at start: the open store and lock, and the listening socket.
    if next.store.path != current.store.path {
      logger.warning(
        "store.path changes only at a restart", metadata: ["store.path": "\(current.store.path)"])
      next.store.path = current.store.path
    }
    if next.observability.listen != current.observability.listen {
      logger.warning(
        "observability.listen changes only at a restart",
        metadata: ["observability.listen": "\(current.observability.listen)"])
      next.observability.listen = current.observability.listen
    }
    if next.web.listen != current.web.listen {
      logger.warning(
        "web.listen changes only at a restart", metadata: ["web.listen": "\(current.web.listen)"])
      next.web.listen = current.web.listen
    }
    let pipeline = IngestPipeline(
      configuration: next, store: store, registry: registry, clock: clock, metrics: metrics,
      logger: logger)
    await state.replace(configuration: next, registry: registry, pipeline: pipeline)
    LogSetup.level.set(next.log.level)
    await health.setThresholds(
      poll: next.health.pollFailureThreshold, send: next.health.sendFailureThreshold,
      pollInterval: next.imap.pollInterval)
    let generation = await state.generation
    logger.notice(
      "configuration reloaded",
      metadata: [
        "generation": "\(generation)", "registry.groups": "\(registry.groups.count)",
      ])
    for warning in next.warnings {
      logger.warning("configuration: \(warning)")
    }
    return true
  }
}
