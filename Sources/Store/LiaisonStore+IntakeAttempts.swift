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

  /// Marks `origin` as in hand, durably. A mark left by an earlier attempt means the
  /// process stopped while handling it: that stop is counted, and noted in the message's
  /// failure history (`interruptedAttemptReason`). Returns the stops counted so far. Only
  /// stops count here: a failure that was caught (a process defect, a refused record) is
  /// handled where it was caught and never makes a message look like it takes the
  /// process down.
  public func beginIntakeAttempt(origin: MessageOrigin, at date: Date) throws(StoreError) -> Int {
    try write("mark \(origin) in hand") { db in
      let key = origin.description
      var stops = 0
      if let previous = try Int.fetchOne(
        try db.cachedStatement(sql: "SELECT stops FROM intake_attempt WHERE origin = ?"),
        arguments: [key])
      {
        stops = previous + 1
        _ = try Self.noteFailure(
          db, origin: origin, statementID: nil, stage: .record,
          reason: Self.interruptedAttemptReason, at: date)
      }
      try db.cachedStatement(
        sql: "INSERT OR REPLACE INTO intake_attempt (origin, started_at, stops) VALUES (?, ?, ?)"
      ).execute(arguments: [key, date.timeIntervalSince1970, stops])
      return stops
    }
  }

  /// Clears the mark of `origin`: the attempt ended, recorded or with an error that was
  /// counted where it was caught.
  public func endIntakeAttempt(origin: MessageOrigin) throws(StoreError) {
    try write("clear the mark of \(origin)") { db in
      try db.cachedStatement(sql: "DELETE FROM intake_attempt WHERE origin = ?").execute(
        arguments: [origin.description])
    }
  }

  /// Which of `origins` are marked in hand: a stop while handling them was not yet
  /// followed by handling them again.
  public func inHand(among origins: [MessageOrigin]) throws(StoreError) -> Set<MessageOrigin> {
    let marked = try read("read the messages in hand") { db in
      try Set(String.fetchAll(db.cachedStatement(sql: "SELECT origin FROM intake_attempt")))
    }
    return Set(origins.filter { marked.contains($0.description) })
  }
}
