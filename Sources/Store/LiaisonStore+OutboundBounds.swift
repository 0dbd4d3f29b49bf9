import Foundation
import GRDB

/// What the outbound policy (Workflow's `OutboundPolicy`) reads and writes: the mail it
/// keeps back, and how much went to one address on one UTC day.
extension LiaisonStore {
  /// Records a mail the policy kept back, at most once per `dedupeKey`. A `held` entry
  /// stays in the outbox unsent; a `refused` one is only the record of the refusal.
  public func withhold(
    _ mail: OutboxMail, status: OutboxStatus, reason: String, subject: String, at date: Date
  ) throws(StoreError) -> OutboxEnqueueResult {
    guard status == .held || status == .refused else {
      throw .invalidArgument(
        name: "status", value: status.rawValue, reason: "withheld mail is held or refused")
    }
    return try insertOnce(mail, at: date, action: "keep back") { row in
      row.status = status.rawValue
      row.withheldReason = reason
      row.subject = subject
    }
  }

  /// Mails of any kind queued to `address` on the UTC day of `date`, whether still waiting,
  /// sent or failed (held and refused mail never left, so it does not count).
  public func mailCount(to address: String, onUTCDayOf date: Date) throws(StoreError) -> Int {
    let start = Self.startOfUTCDay(date)
    return try read("count today's mail to \(address)") { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM outbox
          WHERE status IN ('queued', 'sent', 'failed') AND queued_at >= ? AND queued_at < ?
            AND EXISTS (SELECT 1 FROM json_each(outbox.recipients) WHERE lower(value) = lower(?))
          """,
        arguments: [start.timeIntervalSince1970, start.timeIntervalSince1970 + 86_400, address])
        ?? 0
    }
  }

  /// Held and refused mail, newest first.
  public func withheldMail(limit: Int) throws(StoreError) -> [WithheldMail] {
    try read("read the withheld mail") { db in
      try OutboxRow.fetchAll(
        db,
        sql: """
          SELECT * FROM outbox WHERE status IN ('held', 'refused')
          ORDER BY queued_at DESC, id DESC LIMIT ?
          """, arguments: [max(0, limit)]
      ).map { row in
        WithheldMail(
          id: row.id ?? 0, kind: row.kind, statementID: row.statementID,
          status: OutboxStatus(rawValue: row.status) ?? .refused, recipients: row.recipients,
          subject: row.subject ?? "", reason: row.withheldReason ?? "",
          queuedAt: Date(timeIntervalSince1970: row.queuedAt))
      }
    }
  }

  static func startOfUTCDay(_ date: Date) -> Date {
    let seconds = date.timeIntervalSince1970
    return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400)
  }
}
