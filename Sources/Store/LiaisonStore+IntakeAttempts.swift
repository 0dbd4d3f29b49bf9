import Foundation
import GRDB

/// Intake marks a message before any of it runs and clears the mark when it is done, so
/// that a process that dies in the middle (a Swift trap, a kill, a power loss) leaves a
/// trace: the next start counts it as a failed attempt, and a message that takes the
/// process down every time is quarantined after `intake.max_attempts` instead of looping
/// across restarts.
extension LiaisonStore {
  /// Why an attempt whose mark was never cleared counts as a failure.
  public static let interruptedAttemptReason =
    "liaisond stopped while handling this message (a crash, a kill or a power loss)"

  /// Marks `origin` as in hand, durably. A mark left by an earlier attempt is counted
  /// first as a failure of this message (`interruptedAttemptReason`). Returns the failed
  /// attempts so far, counting that one.
  public func beginIntakeAttempt(origin: MessageOrigin, at date: Date) throws(StoreError) -> Int {
    try write("mark \(origin) in hand") { db in
      let key = origin.description
      var attempts =
        try Int.fetchOne(
          db, sql: "SELECT attempts FROM intake_failure WHERE origin = ?", arguments: [key]) ?? 0
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM intake_attempt WHERE origin = ?", arguments: [key]) == true
      {
        attempts = try Self.noteFailure(
          db, origin: origin, statementID: nil, stage: .record,
          reason: Self.interruptedAttemptReason, at: date)
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO intake_attempt (origin, started_at) VALUES (?, ?)",
        arguments: [key, date.timeIntervalSince1970])
      return attempts
    }
  }

  /// Clears the mark of `origin`: the attempt ended, recorded or with an error that was
  /// counted where it was caught.
  public func endIntakeAttempt(origin: MessageOrigin) throws(StoreError) {
    try write("clear the mark of \(origin)") { db in
      try db.execute(
        sql: "DELETE FROM intake_attempt WHERE origin = ?", arguments: [origin.description])
    }
  }
}
