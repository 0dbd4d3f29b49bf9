import Foundation
import Liaison
import Testing

@testable import Store

/// What intake and `/healthz` read and write of the record for issue 16.
@Suite struct IntakeFailureStoreTests {
  let now = StoreFixtures.date("2026-11-23T12:00:00Z")

  @Test("the oldest due mail is the one nobody moved: a retry moves it forward, sending clears it")
  func oldestDueOutbox() throws {
    let store = try LiaisonStore.temporary()
    #expect(try store.oldestDueOutbox(now: now) == nil)
    let mail = OutboxMail(
      kind: "notification", messageID: "<due@liaisond>", envelopeFrom: "liaison@iab.org",
      recipients: ["ccamp-chairs@ietf.org"], data: Array("Subject: due\r\n\r\nx\r\n".utf8),
      dedupeKey: "notify:due", notBefore: now)
    let id = try store.enqueue(mail, at: now).id
    #expect(try store.oldestDueOutbox(now: now.addingTimeInterval(-1)) == nil, "not yet due")
    #expect(try store.oldestDueOutbox(now: now.addingTimeInterval(7200)) == now)
    try store.markRetry(id, error: "421 later", nextAttempt: now.addingTimeInterval(600))
    #expect(
      try store.oldestDueOutbox(now: now.addingTimeInterval(7200)) == now.addingTimeInterval(600))
    try store.markSent(id, at: now.addingTimeInterval(700))
    #expect(try store.oldestDueOutbox(now: now.addingTimeInterval(7200)) == nil)
  }

  @Test(
    "record failures are counted per origin with a bounded history; a process failure is an event and an /iab entry"
  )
  func failuresAreCountedAndListed() throws {
    let store = try LiaisonStore.temporary()
    let origin = MessageOrigin.imap(mailbox: "INBOX", uidValidity: 7, uid: 3)
    for attempt in 1...12 {
      let count = try store.noteRecordFailure(
        origin: origin, reason: "failure \(attempt)", at: now.addingTimeInterval(Double(attempt)))
      #expect(count == attempt)
    }
    let failure = try #require(try store.intakeFailure(origin: origin))
    #expect(failure.history.count == 10)
    #expect(failure.history.first?.reason == "failure 1", "the first failure is kept")
    #expect(failure.lastReason == "failure 12")
    #expect(try store.listIntakeFailures(limit: 10).isEmpty, "still being retried: not on /iab")

    let id = try StoreFixtures.recordSample(store, uid: 9)
    try store.markQuarantined(origin: origin, statementID: id)
    #expect(try store.listIntakeFailures(limit: 10).map(\.statementID) == [id])

    let other = MessageOrigin.imap(mailbox: "INBOX", uidValidity: 7, uid: 9)
    try store.noteProcessFailure(id: id, origin: other, reason: "cannot compose", at: now)
    let record = try #require(try store.statement(id: id))
    #expect(record.events.last?.kind == .processFailed)
    #expect(record.events.last?.detail == "cannot compose")
    #expect(try store.listIntakeFailures(limit: 10).count == 2)
  }

  @Test(
    "a full, read-only or failing file system stops every write (unwritable); other errors are one file's"
  )
  func attachmentWriteErrorsAreClassified() {
    for code in [ENOSPC, EDQUOT, EROFS, EIO] {
      let error = AttachmentFiles.writeError(path: "/store/attachments/ab/x", code: code)
      #expect(error.isUnwritable, "\(error)")
      #expect(error.description.contains("free space or fix the file system"))
    }
    #expect(!AttachmentFiles.writeError(path: "/store/attachments/ab/x", code: EACCES).isUnwritable)
  }
}
