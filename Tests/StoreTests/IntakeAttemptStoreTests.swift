import Foundation
import GRDB
import Testing

@testable import Store

/// The mark intake writes before a message runs (issue 16): an attempt that never ended
/// counts as a failure at the next start, one that ended counts nothing.
@Suite struct IntakeAttemptStoreTests {
  let now = StoreFixtures.date("2026-11-23T12:00:00Z")
  let origin = MessageOrigin.imap(mailbox: "INBOX", uidValidity: 7, uid: 3)

  @Test("an attempt that ended leaves nothing: no failure, no mark")
  func endedAttemptCountsNothing() throws {
    let store = try LiaisonStore.temporary()
    for _ in 1...3 {
      #expect(try store.beginIntakeAttempt(origin: origin, at: now) == 0)
      try store.endIntakeAttempt(origin: origin)
    }
    #expect(try store.intakeFailure(origin: origin) == nil)
    #expect(try Self.marks(store) == 0)
  }

  @Test(
    "an attempt never ended (the process died) counts as a stop with its reason in the history; failures that were caught do not count as stops"
  )
  func interruptedAttemptsAreCounted() throws {
    let store = try LiaisonStore.temporary()
    #expect(try store.beginIntakeAttempt(origin: origin, at: now) == 0)
    // Died here: the next start begins again over the mark.
    #expect(try store.beginIntakeAttempt(origin: origin, at: now.addingTimeInterval(5)) == 1)
    #expect(try store.noteRecordFailure(origin: origin, reason: "refused", at: now) == 2)
    #expect(try store.beginIntakeAttempt(origin: origin, at: now.addingTimeInterval(9)) == 2)
    let failure = try #require(try store.intakeFailure(origin: origin))
    #expect(failure.attempts == 3 && failure.stage == .record && !failure.quarantined)
    #expect(
      failure.history.map(\.reason) == [
        LiaisonStore.interruptedAttemptReason, "refused", LiaisonStore.interruptedAttemptReason,
      ])
    #expect(try Self.marks(store) == 1, "the attempt in hand stays marked")
    try store.endIntakeAttempt(origin: origin)
    #expect(try Self.marks(store) == 0)
    #expect(
      try store.beginIntakeAttempt(origin: origin, at: now.addingTimeInterval(20)) == 0,
      "an attempt that ended starts the count of stops again")
    let other = MessageOrigin.imap(mailbox: "INBOX", uidValidity: 7, uid: 4)
    #expect(try store.beginIntakeAttempt(origin: other, at: now) == 0, "each message its own")
  }

  static func marks(_ store: LiaisonStore) throws -> Int {
    try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_attempt") }
      ?? -1
  }
}
