import Foundation
import GRDB
import Liaison

/// What intake writes when one message fails, so that a bad message is seen on `/iab`
/// and never stops the others (`IntakeFailure`).
extension LiaisonStore {
  /// A failure of the process after `id` was recorded: a `process_failed` event on the
  /// statement and an `/iab` entry, in one transaction.
  public func noteProcessFailure(id: String, origin: MessageOrigin, reason: String, at date: Date)
    throws(StoreError)
  {
    try write("note the failure of \(id)") { db in
      _ = try Self.existingID(db, id)
      try Self.appendEvent(db, id: id, kind: .processFailed, detail: reason, at: date)
      _ = try Self.noteFailure(
        db, origin: origin, statementID: id, stage: .process, reason: reason, at: date)
    }
  }

  /// A failure to record the message at `origin` while the store could be written; returns
  /// how many times it has failed so far.
  public func noteRecordFailure(origin: MessageOrigin, reason: String, at date: Date)
    throws(StoreError) -> Int
  {
    try write("note the failure of \(origin)") { db in
      try Self.noteFailure(
        db, origin: origin, statementID: nil, stage: .record, reason: reason, at: date)
    }
  }

  /// Marks the failure at `origin` as given up on: the message was kept as `statementID`,
  /// quarantined.
  public func markQuarantined(origin: MessageOrigin, statementID: String) throws(StoreError) {
    try write("mark \(origin) quarantined") { db in
      try db.execute(
        sql: "UPDATE intake_failure SET quarantined = 1, statement_id = ? WHERE origin = ?",
        arguments: [statementID, origin.description])
    }
  }

  /// Failures that need a person: process failures and quarantined messages, newest first.
  public func listIntakeFailures(limit: Int) throws(StoreError) -> [IntakeFailure] {
    try read("read the intake failures") { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM intake_failure WHERE stage = 'process' OR quarantined = 1
          ORDER BY last_at DESC LIMIT ?
          """, arguments: [max(0, limit)]
      ).map(Self.failure)
    }
  }

  /// The failure history at `origin`, if it failed.
  public func intakeFailure(origin: MessageOrigin) throws(StoreError) -> IntakeFailure? {
    try read("read the failure of \(origin)") { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM intake_failure WHERE origin = ?",
        arguments: [origin.description]
      ).map(Self.failure)
    }
  }

  static func noteFailure(
    _ db: Database, origin: MessageOrigin, statementID: String?, stage: IntakeFailure.Stage,
    reason: String, at date: Date
  ) throws -> Int {
    let key = origin.description
    var history: [IntakeFailure.Attempt] = []
    var attempts = 0
    if let row = try Row.fetchOne(
      db, sql: "SELECT attempts, history FROM intake_failure WHERE origin = ?", arguments: [key])
    {
      attempts = row["attempts"]
      history = decodeHistory(row["history"])
    }
    attempts += 1
    // The first and the latest failures are what a person needs; keep the list bounded.
    history.append(.init(at: ISOTime.string(date), reason: String(reason.prefix(2000))))
    if history.count > 10 { history.removeSubrange(1..<(history.count - 9)) }
    let encoded = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO intake_failure
          (origin, statement_id, stage, attempts, history, quarantined, last_at)
        VALUES (?, ?, ?, ?, ?, 0, ?)
        ON CONFLICT (origin) DO UPDATE SET
          statement_id = COALESCE(excluded.statement_id, statement_id), stage = excluded.stage,
          attempts = excluded.attempts, history = excluded.history, last_at = excluded.last_at
        """,
      arguments: [
        key, statementID, stage.rawValue, attempts, encoded, date.timeIntervalSince1970,
      ])
    return attempts
  }

  private static func decodeHistory(_ text: String?) -> [IntakeFailure.Attempt] {
    guard let text else { return [] }
    return (try? JSONDecoder().decode([IntakeFailure.Attempt].self, from: Data(text.utf8))) ?? []
  }

  private static func failure(_ row: Row) -> IntakeFailure {
    IntakeFailure(
      origin: row["origin"], statementID: row["statement_id"],
      stage: IntakeFailure.Stage(rawValue: row["stage"]) ?? .record, attempts: row["attempts"],
      history: decodeHistory(row["history"]), quarantined: row["quarantined"] as Bool,
      lastAt: Date(timeIntervalSince1970: row["last_at"]))
  }
}
