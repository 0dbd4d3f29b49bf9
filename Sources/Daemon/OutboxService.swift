import CoreMetrics
import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Store
import Workflow

/// Sends the durable outbox through SMTP every few seconds. On graceful shutdown the
/// mail in hand is finished (its outcome recorded) before the service stops.
struct OutboxService: Service {
  let daemon: LiaisonDaemon
  var interval: Duration = .seconds(5)

  func run() async throws {
    let stopping = StopFlag()
    await withGracefulShutdownHandler {
      var parts: OutboxParts?
      while !stopping.isSet, !Task.isCancelled {
        let generation = await daemon.generation
        if parts?.generation != generation {
          do {
            parts = try await daemon.makeOutboxParts()
          } catch {
            daemon.logger.error("cannot set up the outbox sender", metadata: ["error": "\(error)"])
            await daemon.health.sendFailed()
          }
        }
        var backlog = false
        if let parts, let report = await daemon.sendCycle(parts) {
          // A pass sends one batch: while passes deliver and more is due, go on at once,
          // or a backlog would drain at one batch per interval (50 mails per 5 s).
          backlog = report.sent > 0 && daemon.outboxHasDue()
        }
        if !backlog { await daemon.pause(for: interval, unless: stopping) }
      }
      daemon.logger.info("outbox sender stopped")
    } onGracefulShutdown: {
      stopping.set()
    }
  }
}

/// The SMTP side of one configuration generation.
struct OutboxParts: Sendable {
  let generation: Int
  let sender: OutboxSender
}

extension LiaisonDaemon {
  func makeOutboxParts() async throws -> OutboxParts {
    let configuration = await state.configuration
    let generation = await state.generation
    let smtp = try configuration.smtpConfiguration()
    var logger = self.logger
    logger[metadataKey: "smtp.server"] = "\(smtp.server)"
    let sender = OutboxSender(
      store: store, client: SMTPClient(configuration: smtp, logger: logger), logger: logger)
    return OutboxParts(generation: generation, sender: sender)
  }

  /// One pass over the due outbox, with metrics and health. A pass in which mail was
  /// due but none could be delivered (the server away, 4xx) counts as a sending failure.
  func sendCycle(_ parts: OutboxParts, now: Date = Date()) async -> OutboxSender.PassReport? {
    do {
      let report = try await parts.sender.sendDue(now: now)
      metrics.mailsSent.increment(by: Int64(report.sent))
      metrics.outboxFailures.increment(by: Int64(report.failed + report.retried))
      if report.sent > 0 {
        await health.sendSucceeded()
        logger.info(
          "outbox pass",
          metadata: ["smtp.sent": "\(report.sent)", "smtp.failed": "\(report.failed)"])
      } else if report.retried > 0 {
        await health.sendFailed()
      }
      refreshOutboxDepth()
      return report
    } catch {
      logger.error("outbox pass failed", metadata: ["error": "\(error)"])
      metrics.outboxFailures.increment()
      await health.sendFailed()
      refreshOutboxDepth()
      return nil
    }
  }

  /// Whether mail is due now (an unreadable store says no: the next pass reports it).
  func outboxHasDue(now: Date = Date()) -> Bool {
    (try? store.dueOutbox(now: now, limit: 1))?.isEmpty == false
  }

  /// The outbox gauge from the store's own count.
  func refreshOutboxDepth() {
    do {
      metrics.outboxDepth.record(try store.outboxCounts().queued)
    } catch {
      logger.warning("cannot count the outbox", metadata: ["error": "\(error)"])
    }
  }
}
