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
  /// due reminders, then send the outbox, each with the cycle its service's loop runs.
  /// Each part runs even when an earlier one failed.
  public func runOnce() async -> CycleReport {
    var report = CycleReport()
    do {
      report.poll = try await makePoller().cycle()
    } catch {
      logger.error("mailbox poll failed", metadata: ["error": "\(error)"])
      report.failures.append("IMAP: \(error)")
    }
    report.remindersQueued = await remindCycle()
    let sender: OutboxSender
    do {
      sender = try await makeSender()
    } catch {
      logger.error("cannot set up the outbox sender", metadata: ["error": "\(error)"])
      report.failures.append("SMTP: \(error)")
      return report
    }
    do {
      let pass = try await sender.sendDue()
      report.outbox = pass
      if pass.retried > 0 {
        report.failures.append(
          "SMTP: \(pass.retried) mail(s) could not be delivered now and stay queued")
      }
    } catch {
      logger.error("outbox pass failed", metadata: ["error": "\(error)"])
      report.failures.append("SMTP: the outbox pass failed (see the log)")
    }
    return report
  }
}
