import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle
import Workflow

/// Queues the deadline reminders that are due and the IAB's weekly digest, at start and
/// then every `interval`.
/// Reminders fall on whole days, so a quarter of an hour is prompt enough; the outbox
/// sends them.
struct ReminderService: Service {
  let daemon: LiaisonDaemon
  var interval: Duration = .seconds(900)

  func run() async throws {
    let stop = StopSignal()
    await withGracefulShutdownHandler {
      while !stop.isSet, !Task.isCancelled {
        await daemon.remindCycle()
        await stop.sleep(for: interval, on: daemon.clock)
      }
    } onGracefulShutdown: {
      stop.set()
    }
  }
}

extension LiaisonDaemon {
  /// Queues the reminders due now (by the daemon's clock); returns how many were queued.
  @discardableResult
  func remindCycle() async -> Int {
    let now = clock.now()
    let pipeline = await state.pipeline
    // The digest does not depend on the reminders: it goes out even when they fail.
    defer { queueWeeklyDigest(pipeline, now: now) }
    do {
      let queued = try pipeline.process.sendReminders(now: now)
      metrics.remindersSent.increment(by: Int64(queued.count))
      for mail in queued {
        logger.info(
          "reminder queued",
          metadata: ["liaison.id": "\(mail.statementID ?? "-")", "mail.key": "\(mail.dedupeKey)"])
      }
      return queued.count
    } catch {
      logger.error("cannot queue the due reminders", metadata: ["error": "\(error)"])
      return 0
    }
  }

  /// The IAB's weekly digest of what needs attention: queued by the first cycle of each
  /// ISO week that finds something (its outbox key is the week, so later cycles queue
  /// nothing), so a daemon restarted mid-week neither skips nor repeats it.
  private func queueWeeklyDigest(_ pipeline: IngestPipeline, now: Date) {
    do {
      if let digest = try pipeline.process.weeklyDigest(now: now) {
        logger.info("weekly digest queued", metadata: ["mail.key": "\(digest.dedupeKey)"])
      }
    } catch {
      logger.error("cannot queue the weekly digest", metadata: ["error": "\(error)"])
    }
  }
}
