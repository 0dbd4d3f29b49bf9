import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct OutboxTests {
  func mail(
    _ key: String, kind: String = "acknowledgement", to: String = "tsbsg15@itu.int", notBefore: Date
  ) -> OutboxMail {
    OutboxMail(
      kind: kind, statementID: nil, messageID: "<\(key)@liaisond>", envelopeFrom: "liaison@iab.org",
      recipients: [to], data: Array("Subject: \(key)\r\n\r\nthanks\r\n".utf8), dedupeKey: key,
      notBefore: notBefore)
  }

  @Test func aDedupeKeyIsQueuedAtMostOnce() throws {
    let store = try LiaisonStore.temporary()
    let now = StoreFixtures.date("2026-11-23T12:00:00Z")
    let first = try store.enqueue(mail("ack:LS-2026-0001", notBefore: now), at: now)
    let second = try store.enqueue(mail("ack:LS-2026-0001", notBefore: now), at: now)
    guard case .queued(let id) = first else {
      Issue.record("first enqueue was \(first)")
      return
    }
    #expect(second == .alreadyQueued(id))
    // Still at most once after it was sent.
    try store.markSent(id, at: now)
    #expect(
      try store.enqueue(mail("ack:LS-2026-0001", notBefore: now), at: now) == .alreadyQueued(id))
    #expect(try store.outboxCounts() == OutboxCounts(queued: 0, sent: 1, failed: 0))
    #expect(try store.outboxContains(dedupeKey: "ack:LS-2026-0001"))
    #expect(try !store.outboxContains(dedupeKey: "ack:LS-2026-0002"))
  }

  @Test func dueRetryAndFailedTransitions() throws {
    let store = try LiaisonStore.temporary()
    let now = StoreFixtures.date("2026-11-23T12:00:00Z")
    let a = try store.enqueue(mail("a", notBefore: now), at: now).id
    let later = try store.enqueue(mail("b", notBefore: now.addingTimeInterval(3600)), at: now).id
    let c = try store.enqueue(mail("c", notBefore: now), at: now).id

    #expect(try store.dueOutbox(now: now, limit: 10).map(\.id) == [a, c])
    #expect(try store.dueOutbox(now: now, limit: 1).map(\.id) == [a])

    try store.markRetry(a, error: "421 try later", nextAttempt: now.addingTimeInterval(600))
    #expect(try store.dueOutbox(now: now, limit: 10).map(\.id) == [c])
    let due = try store.dueOutbox(now: now.addingTimeInterval(600), limit: 10)
    #expect(due.map(\.id) == [c, a])
    let retried = try #require(due.first { $0.id == a })
    #expect(retried.attempts == 1)
    #expect(retried.lastError == "421 try later")
    #expect(retried.status == .queued)
    #expect(retried.mail.data == Array("Subject: a\r\n\r\nthanks\r\n".utf8))

    try store.markFailed(c, error: "550 no such user")
    try store.markSent(a, at: now.addingTimeInterval(601))
    #expect(try store.dueOutbox(now: now.addingTimeInterval(7200), limit: 10).map(\.id) == [later])
    #expect(try store.outboxCounts() == OutboxCounts(queued: 1, sent: 1, failed: 1))
    let failed = try #require(try store.outboxItem(c))
    #expect(failed.status == .failed && failed.lastError == "550 no such user")
    #expect(throws: StoreError.unknownOutboxItem(id: 999)) { try store.markSent(999, at: now) }
  }

  @Test func sentCountCountsQueuedAndSentPerRecipient() throws {
    let store = try LiaisonStore.temporary()
    let now = StoreFixtures.date("2026-11-23T12:00:00Z")
    let since = now.addingTimeInterval(-60)
    _ = try store.enqueue(mail("k1", to: "TSBSG15@itu.int", notBefore: now), at: now)
    let second = try store.enqueue(mail("k2", notBefore: now), at: now).id
    _ = try store.enqueue(mail("k3", to: "other@example.org", notBefore: now), at: now)
    _ = try store.enqueue(mail("k4", kind: "reminder", notBefore: now), at: now)
    try store.markSent(second, at: now)
    #expect(try store.sentCount(kind: "acknowledgement", to: "tsbsg15@itu.int", since: since) == 2)
    #expect(
      try store.sentCount(
        kind: "acknowledgement", to: "tsbsg15@itu.int", since: now.addingTimeInterval(60)) == 0)
    #expect(try store.sentCount(kind: "reminder", to: "tsbsg15@itu.int", since: since) == 1)
  }

  @Test func theOutboxSurvivesAReopen() throws {
    let store = try LiaisonStore.temporary()
    let now = StoreFixtures.date("2026-11-23T12:00:00Z")
    let id = try store.enqueue(mail("durable", notBefore: now), at: now).id
    let reopened = try LiaisonStore(directory: store.directory)
    #expect(try reopened.dueOutbox(now: now, limit: 5).map(\.id) == [id])
  }
}
