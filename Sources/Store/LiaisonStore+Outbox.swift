import Foundation
import GRDB

extension LiaisonStore {
  /// Queues a mail durably at `date`, at most once per `dedupeKey` (whatever became of
  /// the first).
  public func enqueue(_ mail: OutboxMail, at date: Date) throws(StoreError) -> OutboxEnqueueResult {
    try insertOnce(mail, at: date, action: "queue") { _ in }
  }

  /// Inserts `mail` as an outbox row unless its `dedupeKey` is known; `adjust` sets what
  /// differs from a queued row (a withheld one's status and reason).
  func insertOnce(
    _ mail: OutboxMail, at date: Date, action: String,
    adjust: (inout OutboxRow) -> Void
  ) throws(StoreError) -> OutboxEnqueueResult {
    guard !mail.recipients.isEmpty else {
      throw .invalidArgument(
        name: "recipients", value: mail.dedupeKey, reason: "an outgoing mail needs a recipient")
    }
    return try write("\(action) \(mail.kind) mail \(mail.dedupeKey)") { db in
      if let id = try Int64.fetchOne(
        try db.cachedStatement(sql: "SELECT id FROM outbox WHERE dedupe_key = ?"),
        arguments: [mail.dedupeKey])
      {
        return .alreadyQueued(id)
      }
      var row = OutboxRow(mail: mail, queuedAt: date)
      adjust(&row)
      try row.insert(db)
      return .queued(row.id ?? db.lastInsertedRowID)
    }
  }

  /// Whether a mail with this key was ever queued (whatever became of it).
  public func outboxContains(dedupeKey: String) throws(StoreError) -> Bool {
    try read("look up outbox key \(dedupeKey)") { db in
      try Bool.fetchOne(
        try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE dedupe_key = ?)"),
        arguments: [dedupeKey]) ?? false
    }
  }

  /// Queued mail whose next attempt is due at `now`, oldest due first.
  public func dueOutbox(now: Date, limit: Int) throws(StoreError) -> [OutboxItem] {
    try read("read the due outbox") { db in
      try OutboxRow.fetchAll(
        try db.cachedStatement(
          sql: """
            SELECT * FROM outbox WHERE status = 'queued' AND next_attempt <= ?
            ORDER BY next_attempt, id LIMIT ?
            """), arguments: [now.timeIntervalSince1970, max(0, limit)]
      ).map(\.item)
    }
  }

  public func outboxItem(_ id: Int64) throws(StoreError) -> OutboxItem? {
    try read("read outbox entry \(id)") { db in try OutboxRow.fetchOne(db, key: id)?.item }
  }

  public func markSent(_ id: Int64, at date: Date) throws(StoreError) {
    try updateOutbox(id, "mark outbox entry \(id) sent") { row in
      row.status = OutboxStatus.sent.rawValue
      row.attempts += 1
      row.sentAt = date.timeIntervalSince1970
    }
  }

  /// A temporary failure (4xx, connection): try again at `nextAttempt`.
  public func markRetry(_ id: Int64, error: String, nextAttempt: Date) throws(StoreError) {
    try updateOutbox(id, "reschedule outbox entry \(id)") { row in
      row.status = OutboxStatus.queued.rawValue
      row.attempts += 1
      row.lastError = error
      row.nextAttempt = nextAttempt.timeIntervalSince1970
    }
  }

  /// A permanent failure (5xx, retries exhausted): never tried again, counted as failed.
  public func markFailed(_ id: Int64, error: String) throws(StoreError) {
    try updateOutbox(id, "mark outbox entry \(id) failed") { row in
      row.status = OutboxStatus.failed.rawValue
      row.attempts += 1
      row.lastError = error
    }
  }

  /// How many outbox mails are in each state. `waitingOnly` counts only what still waits
  /// (queued, held, refused: what the gauges show) and leaves sent and failed at 0: those
  /// rows grow with every mail ever sent, and counting them costs a scan of their index on
  /// each outbox pass.
  public func outboxCounts(waitingOnly: Bool = false) throws(StoreError) -> OutboxCounts {
    try read("count the outbox") { db in
      var counts = OutboxCounts()
      let waiting = "WHERE status IN ('queued', 'held', 'refused')"
      for row in try Row.fetchAll(
        db.cachedStatement(
          sql:
            "SELECT status, COUNT(*) AS n FROM outbox \(waitingOnly ? waiting : "") GROUP BY status"
        ))
      {
        let count: Int = row["n"]
        switch OutboxStatus(rawValue: row["status"]) {
        case .queued: counts.queued = count
        case .sent: counts.sent = count
        case .failed: counts.failed = count
        case .held: counts.held = count
        case .refused: counts.refused = count
        case nil: break
        }
      }
      return counts
    }
  }

  /// Mails of `kind` queued to `address` since `since`, sent or still waiting (a queued
  /// mail will go out, so it counts against a rate limit).
  public func sentCount(kind: String, to address: String, since: Date) throws(StoreError) -> Int {
    try read("count \(kind) mail to \(address)") { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM outbox
          WHERE kind = ? AND status IN ('queued', 'sent') AND queued_at >= ?
            AND EXISTS (SELECT 1 FROM json_each(outbox.recipients) WHERE lower(value) = lower(?))
          """, arguments: [kind, since.timeIntervalSince1970, address]) ?? 0
    }
  }

  private func updateOutbox(_ id: Int64, _ operation: String, _ change: (inout OutboxRow) -> Void)
    throws(StoreError)
  {
    try write(operation) { db in
      guard
        var row = try OutboxRow.fetchOne(
          db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ?"), arguments: [id])
      else {
        throw StoreError.unknownOutboxItem(id: id)
      }
      // Only the columns that changed: a full update rewrote the mail's bytes and every
      // index of the outbox for each mail sent.
      try row.updateChanges(db) { change(&$0) }
    }
  }
}
