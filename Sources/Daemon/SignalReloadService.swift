import Logging
import ServiceLifecycle
import UnixSignals

/// Turns each SIGHUP into a reload of the configuration and the group registry.
/// A reload that fails keeps the running configuration (the daemon logs why).
struct SignalReloadService: Service {
  let reload: @Sendable () async -> Void

  func run() async throws {
    let signals = await UnixSignalsSequence(trapping: .sighup)
    for await _ in signals.cancelOnGracefulShutdown() {
      await reload()
    }
  }
}
