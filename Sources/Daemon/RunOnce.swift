import Foundation
import Logging
import MailTransport
import Workflow

/// What `liaisond run --once` did.
public struct CycleReport: Sendable {
  public var poll: MailboxPoller.CycleReport?
  public var remindersQueued = 0
  public var outbox: OutboxSender.PassReport?
  /// One line per part that could not do its work (a server unavailable).
  public var failures: [String] = []

  public var summary: String {
    var parts: [String] = []
    if let poll {
      parts.append(
        "polled \(poll.status.messages) message(s): \(poll.recorded) recorded, \(poll.duplicates) duplicate, "
          + "\(poll.quarantined + poll.oversized) quarantined, \(poll.moved) moved")
    }
    parts.append("\(remindersQueued) reminder(s) queued")
    if let outbox {
      parts.append(
        "\(outbox.sent) mail(s) sent, \(outbox.retried) deferred, \(outbox.failed) failed")
    }
    return (parts + failures.map { "FAILED: \($0)" }).joined(separator: "\n")
  }
}

extension LiaisonDaemon {
  /// One full cycle: poll the mailbox (recording and queueing notifications), queue the
  /// due reminders, then send the outbox. Each part runs even when an earlier one failed.
  public func runOnce(now: Date = Date()) async -> CycleReport {
    var report = CycleReport()
    do {
      let parts = try await makeMailParts(stopping: nil)
      report.poll = try await pollCycle(parts)
    } catch {
      logger.error("mailbox poll failed", metadata: ["error": "\(error)"])
      report.failures.append("IMAP: \(error)")
    }
    report.remindersQueued = await remindCycle(now: now)
    do {
      let parts = try await makeOutboxParts()
      // Now, not `now`: the poll above queued its mails after that instant.
      if let pass = await sendCycle(parts) {
        report.outbox = pass
        if pass.retried > 0 {
          report.failures.append(
            "SMTP: \(pass.retried) mail(s) could not be delivered now and stay queued")
        }
      } else {
        report.failures.append("SMTP: the outbox pass failed (see the log)")
      }
    } catch {
      logger.error("cannot set up the outbox sender", metadata: ["error": "\(error)"])
      report.failures.append("SMTP: \(error)")
    }
    return report
  }
}
