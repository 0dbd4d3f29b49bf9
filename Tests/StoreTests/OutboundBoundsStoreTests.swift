import Foundation
import Liaison
import Testing

@testable import Store

/// The store's side of the outbound policy: held and refused entries stay in the outbox
/// unsent, and the daily count per address follows the UTC day.
@Suite struct OutboundBoundsStoreTests {
  func mail(_ key: String, to: String = "victim@example.net", at date: Date) -> OutboxMail {
    OutboxMail(
      kind: "acknowledgement", statementID: nil, messageID: "<\(key)@liaisond>",
      envelopeFrom: "liaison@iab.org", recipients: [to],
      data: Array("Subject: \(key)\r\n\r\nthanks\r\n".utf8), dedupeKey: key, notBefore: date)
  }

  @Test func heldMailIsKeptNeverDueAndListed() throws {
    let store = try LiaisonStore.temporary()
    let now = StoreFixtures.date("2026-11-23T12:00:00Z")
    _ = try store.enqueue(mail("sent", at: now), at: now)
    let held = try store.withhold(
      mail("held", at: now), status: .held, reason: "over the cap", subject: "Receipt of <LS>",
      at: now)
    let refused = try store.withhold(
      mail("refused", to: "stranger@example.com", at: now), status: .refused,
      reason: "not allowed", subject: "Re: LS", at: now.addingTimeInterval(1))
    // The same key again adds nothing, as for queued mail.
    #expect(
      try store.withhold(
        mail("held", at: now), status: .held, reason: "again", subject: "x", at: now)
        == .alreadyQueued(held.id))
    #expect(try store.dueOutbox(now: .distantFuture, limit: 10).map(\.mail.dedupeKey) == ["sent"])
    #expect(try store.outboxCounts() == OutboxCounts(queued: 1, held: 1, refused: 1))
    let listed = try store.withheldMail(limit: 10)
    #expect(listed.map(\.id) == [refused.id, held.id])
    #expect(listed.map(\.status) == [.refused, .held])
    #expect(listed.last?.subject == "Receipt of <LS>")
    #expect(listed.last?.reason == "over the cap")
    #expect(listed.first?.recipients == ["stranger@example.com"])
    #expect(throws: StoreError.self) {
      try store.withhold(mail("q", at: now), status: .queued, reason: "", subject: "", at: now)
    }
  }

  @Test func theDailyCountFollowsTheUTCDay() throws {
    let store = try LiaisonStore.temporary()
    let day = StoreFixtures.date("2026-11-23T00:00:00Z")
    for hour in 0..<3 {
      let at = day.addingTimeInterval(Double(hour) * 3600 * 8)
      _ = try store.enqueue(mail("m\(hour)", to: "Victim@Example.net", at: at), at: at)
    }
    let first = try #require(try store.dueOutbox(now: .distantFuture, limit: 10).first)
    try store.markSent(first.id, at: day)
    _ = try store.withhold(
      mail("h", at: day), status: .held, reason: "cap", subject: "s", at: day)
    // Queued and sent count, held does not; any case of the address.
    #expect(try store.mailCount(to: "victim@example.net", onUTCDayOf: day) == 3)
    #expect(
      try store.mailCount(to: "victim@example.net", onUTCDayOf: day.addingTimeInterval(86_399))
        == 3)
    #expect(try store.mailCount(to: "other@example.net", onUTCDayOf: day) == 0)
    // The next day counts anew, and the day before saw nothing.
    #expect(
      try store.mailCount(to: "victim@example.net", onUTCDayOf: day.addingTimeInterval(86_400))
        == 0)
    #expect(
      try store.mailCount(to: "victim@example.net", onUTCDayOf: day.addingTimeInterval(-1)) == 0)
  }
}
