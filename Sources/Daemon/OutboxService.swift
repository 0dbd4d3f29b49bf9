import CoreMetrics
import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Store
import Workflow

/// Runs `OutboxSender`'s loop for the current configuration, and a new one after a
/// reload. On graceful shutdown the mail in hand is finished (its outcome recorded)
/// before the service stops.
struct OutboxService: Service {
  let daemon: LiaisonDaemon
  var interval: Duration = .seconds(5)

  func run() async throws {
    let stop = StopSignal()
    await withGracefulShutdownHandler {
      await daemon.sendLoop(until: stop, interval: interval)
    } onGracefulShutdown: {
      stop.set()
    }
  }
}

extension LiaisonDaemon {
  /// The sender of the current configuration generation.
  func makeSender(interval: Duration = .seconds(5)) async throws -> OutboxSender {
    let configuration = await state.configuration
    let smtp = try configuration.smtpConfiguration()
    var logger = self.logger
    logger[metadataKey: "smtp.server"] = "\(smtp.server)"
    return OutboxSender(
      store: store, sender: SMTPClient(configuration: smtp, logger: logger),
      configuration: OutboxSender.Configuration(interval: interval), clock: clock, logger: logger
    ) { [self] result in await self.observeSend(result) }
  }

  /// Runs the sender's loop until `stop`, with a new sender after each reload.
  func sendLoop(until stop: StopSignal, interval: Duration) async {
    while !stop.isSet, !Task.isCancelled {
      let generation = await state.generation
      let sender: OutboxSender
      do {
        sender = try await makeSender(interval: interval)
      } catch {
        logger.error("cannot set up the outbox sender", metadata: ["error": "\(error)"])
        await health.sendFailed(at: clock.now())
        await stop.sleep(for: interval, on: clock)
        continue
      }
      let state = self.state
      await sender.run(until: stop, wake: outboxWake) { await state.generation == generation }
    }
    logger.info("outbox sender stopped")
  }

  /// Metrics and health after each outbox pass. A pass in which mail was due but none
  /// could be delivered (the server away, 4xx) counts as a sending failure.
  func observeSend(_ result: Result<OutboxSender.PassReport, any Error>) async {
    switch result {
    case .success(let report):
      metrics.mailsSent.increment(by: Int64(report.sent))
      metrics.outboxFailures.increment(by: Int64(report.failed + report.retried))
      if report.sent > 0 {
        await health.sendSucceeded(at: clock.now())
        logger.info(
          "outbox pass",
          metadata: ["smtp.sent": "\(report.sent)", "smtp.failed": "\(report.failed)"])
      } else if report.retried > 0 {
        await health.sendFailed(at: clock.now())
      }
    case .failure:
      metrics.outboxFailures.increment()
      await health.sendFailed(at: clock.now())
    }
    await refreshOutbox()
  }

  /// The outbox gauges and the outbox's health from the store itself.
  func refreshOutbox() async {
    refreshOutboxDepth()
    do {
      await health.outboxObserved(oldestDue: try store.oldestDueOutbox(now: clock.now()))
    } catch {
      logger.warning("cannot read the outbox", metadata: ["error": "\(error)"])
    }
  }

  /// The outbox gauges (waiting, held, refused) from the store's own counts.
  func refreshOutboxDepth() {
    do {
      let counts = try store.outboxCounts(waitingOnly: true)
      metrics.outboxDepth.record(counts.queued)
      metrics.outboundHeld.record(counts.held)
      metrics.outboundRefused.record(counts.refused)
    } catch {
      logger.warning("cannot count the outbox", metadata: ["error": "\(error)"])
    }
  }
}
