import Logging
import ServiceLifecycle

/// The daemon's side of the systemd protocol while it runs: `WATCHDOG=1` at half the
/// unit's `WatchdogSec=`, and `STOPPING=1` as soon as a graceful shutdown begins.
/// (`READY=1` is sent by the daemon once the web server listens.)
struct SystemdService: Service {
  let notifier: SystemdNotifier
  let logger: Logger

  func run() async throws {
    await withGracefulShutdownHandler {
      guard let interval = notifier.watchdogInterval else {
        // Nothing to do but wait, so that the group does not see this service end early.
        try? await gracefulShutdown()
        return
      }
      var reportedFailure = false
      while !Task.isCancelled, !Task.isShuttingDownGracefully {
        do {
          try notifier.watchdog()
          reportedFailure = false
        } catch {
          // Logged once per outage: the watchdog interval would flood the journal otherwise.
          if !reportedFailure {
            logger.error("watchdog ping failed", metadata: ["error": "\(error)"])
          }
          reportedFailure = true
        }
        do {
          try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        } catch {
          return
        }
      }
    } onGracefulShutdown: {
      do {
        try notifier.stopping()
      } catch {
        logger.warning(
          "cannot tell systemd that liaisond is stopping", metadata: ["error": "\(error)"])
      }
    }
  }
}
