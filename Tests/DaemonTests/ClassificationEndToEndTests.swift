import Foundation
import Liaison
import MIME
import MailBenchSupport
import Store
import Testing
import Workflow

@testable import Daemon

/// Issue 15 on the real mail bench: nothing that arrives is dropped unseen, bounces never
/// loop, a mail the classifier misjudged can be made a statement, and reminders say the
/// real number of days.
@Suite("Classification and reminders end to end on the mail bench", .serialized)
struct ClassificationEndToEndTests {
  typealias Run = ProcessEndToEndTests.Run
  static let receipt = ProcessEndToEndTests.instant("2026-11-20T09:00:00Z")

  @Test(
    "every kind of unrouted mail is on /iab with its reason and in the digest; none is answered"
  )
  func unroutedMailIsSeen() async throws {
    try await Run.with(at: Self.receipt) { run in
      let fixtures = [
        "auto-precedence-bulk", "auto-list-id", "bounce-dsn", "bounce-qmail-failure-notice",
        "bounce-quotes-own-mail", "not-liaison-question",
      ]
      try await run.append(fixtures: fixtures)
      try await run.cycle()
      #expect(try run.newMail().isEmpty, "nothing is sent for mail that is not a statement")

      let page = try run.daemon.store.privateMail(limit: 100, offset: 0)
      #expect(page.total == fixtures.count, "\(page.items)")
      let kinds = Set(page.items.map(\.kind))
      #expect(kinds == ["auto_reply", "bounce", "not_liaison"], "\(kinds)")
      for mail in page.items {
        #expect(mail.why.hasPrefix("not routed: "), "\(mail.id) \(mail.kind): \(mail.why)")
        #expect(!mail.sender.isEmpty && !mail.subject.isEmpty, "\(mail)")
      }
      #expect(
        page.items.contains {
          $0.why.contains("failure notice") || $0.why.contains("mailer-daemon")
        })
      #expect(page.items.contains { $0.why.contains("X-Liaison-Statement") })

      let digests = try run.bench.receivedMail().map {
        try ProcessEndToEndTests.ReceivedMail(recipients: $0.0, raw: $0.1)
      }
      .filter { $0.subject.hasPrefix("Liaison statements needing attention") }
      #expect(digests.count == 1, "\(digests)")
      let body = digests.first?.body ?? ""
      #expect(body.contains("Not routed this week (\(fixtures.count))"), "\(body)")
      for mail in page.items {
        #expect(body.contains("- \(mail.id) \(mail.kind)"), "\(mail.id) in the digest: \(body)")
      }
    }
  }

  @Test("liaisond reclassify makes a misjudged mail a statement, audited and routed")
  func reclassifyRoutesIt() async throws {
    try await Run.with(at: Self.receipt) { run in
      // A statement sent by a bulk mailer: automatic by its Precedence, a statement in truth.
      try await run.append(
        mail: """
          From: TTC Secretariat <secretariat@ttc.example.jp>\r
          To: liaison-coordination@iab.org\r
          Subject: Statement on transport slices\r
          Date: Fri, 20 Nov 2026 08:00:00 +0000\r
          Message-ID: <e2e-bulk-statement@ttc.example.jp>\r
          Precedence: bulk\r
          MIME-Version: 1.0\r
          Content-Type: text/plain; charset=utf-8\r
          \r
          Title: LS on transport slice management\r
          From: TTC\r
          To: IETF TEAS WG\r
          Purpose: For information\r
          \r
          TTC shares its progress.\r

          """)
      try await run.cycle()
      #expect(try run.newMail().isEmpty)
      let page = try run.daemon.store.privateMail(limit: 10, offset: 0)
      let id = try #require(page.items.first?.id)
      #expect(page.items.first?.kind == "auto_reply")

      let pipeline = await run.daemon.state.pipeline
      let route = try await pipeline.reclassify(
        id: id, as: .statement, note: "a statement from TTC", now: Self.receipt)
      #expect(route.groups == ["teas"], "\(route)")
      // On the public record with an LS- id; the MSG- id still finds it (an alias).
      let record = try #require(try run.daemon.store.statement(id: id))
      #expect(id.hasPrefix("MSG-") && record.id.hasPrefix("LS-"), "\(id) -> \(record.id)")
      #expect(try run.daemon.store.currentID(of: id) == record.id)
      #expect(try run.daemon.store.statement(id: record.id, scope: .publicRecord) != nil)
      #expect(
        try run.daemon.store.rawMessage(id: id) == (try run.daemon.store.rawMessage(id: record.id)))
      #expect(record.statement.kind == .statement)
      #expect(record.statement.to == ["IETF TEAS WG"])
      #expect(
        record.events.contains {
          $0.kind == .reclassified
            && $0.detail
              == "from auto_reply to statement: a statement from TTC; \(id) is now \(record.id) "
              + "(\(id) still finds it)"
        }, "\(record.events)")
      #expect(record.events.contains { $0.kind == .routed })
      #expect(record.events.first?.kind == .received, "the history moved with the record")

      try await run.cycle()
      let mails = try run.newMail()
      #expect(
        mails.contains {
          $0.recipients.contains("teas-chairs@ietf.org") && $0.subject.contains(record.id)
        },
        "the TEAS chairs are notified: \(mails)")
      #expect(try run.daemon.store.privateMail(limit: 10, offset: 0).total == 0)
    }
  }

  @Test("a bounce of our own notification produces no mail")
  func bounceOfOwnNotification() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["3gpp-inline-action"])
      try await run.cycle()
      #expect(try run.newMail().count == 1, "the notification")
      let detnet = try run.statement(titled: "LS on DetNet support")
      try await run.append(
        mail: """
          From: mail-system@relay.example.org\r
          To: liaison-coordination@iab.org\r
          Subject: Returned mail: see transcript for details\r
          Date: Fri, 20 Nov 2026 09:30:00 +0000\r
          Message-ID: <e2e-returned@relay.example.org>\r
          MIME-Version: 1.0\r
          Content-Type: text/plain; charset=utf-8\r
          \r
          ----- Original message -----\r
          From: liaison-coordination@iab.org\r
          To: detnet-chairs@ietf.org\r
          Subject: Liaison statement \(detnet.id): LS on DetNet support\r
          X-Liaison-Statement: \(detnet.id)\r
          Title: LS on DetNet support for 5GS time-sensitive communication\r
          Purpose: For action\r

          """)
      try await run.cycle()
      #expect(try run.newMail().isEmpty, "no notification, no acknowledgement, nothing")
      let bounce = try #require(
        try run.daemon.store.privateMail(limit: 10, offset: 0).items.first)
      #expect(bounce.kind == "bounce", "\(bounce)")
    }
  }

  @Test("a statement received ten days before its deadline: due in 10 days, then overdue by 3")
  func reminderTextsCountRealDays() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["late-arrival"])
      try await run.cycle()
      let first = try run.newMail()
      let reminder = try #require(first.first { $0.subject.hasPrefix("Reminder") }, "\(first)")
      #expect(reminder.body.contains("is due in 10 days (2026-11-30)"), "\(reminder.body)")

      try await run.cycle(at: ProcessEndToEndTests.instant("2026-12-03T08:00:00Z"))
      let late = try run.newMail()
      let overdue = try #require(late.first { $0.subject.hasPrefix("Reminder") }, "\(late)")
      #expect(
        overdue.body.contains("is overdue by 3 days (deadline 2026-11-30)"), "\(overdue.body)")
    }
  }

  @Test("a For-Action statement with an unclear deadline: the IAB is told once, as written")
  func unclearDeadlineTold() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["deadline-unclear-action"])
      try await run.cycle()
      let mails = try run.newMail()
      let unclear = mails.filter { $0.subject.hasPrefix("Deadline unclear") }
      #expect(unclear.count == 1, "\(mails)")
      #expect(unclear.first?.subject.contains("in time for our Q1 meeting") == true, "\(mails)")
      #expect(unclear.first?.recipients.contains(ProcessEndToEndTests.iabContact) == true)
      try await run.cycle(at: ProcessEndToEndTests.instant("2026-11-27T08:00:00Z"))
      #expect(
        try run.newMail().filter { $0.subject.hasPrefix("Deadline unclear") }.isEmpty, "once")
    }
  }

  @Test("a forwarded statement is routed by the original's metadata; replies go to its sender")
  func forwardedStatementsAreTheOriginals() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["forwarded-rfc822", "forwarded-inline"])
      try await run.cycle()
      let mails = try run.newMail()
      let notifications = mails.filter { $0.subject.hasPrefix("Liaison statement ") }
      #expect(notifications.count == 2, "\(mails)")
      #expect(
        notifications.allSatisfy { $0.recipients.contains("detnet-chairs@ietf.org") }, "\(mails)")
      #expect(
        mails.flatMap(\.recipients).allSatisfy {
          !["lberger@example.net", "janos.farkas@example.com"].contains($0)
        }, "nothing to the forwarders: \(mails)")

      let oam = try run.statement(titled: "LS on DetNet OAM")
      #expect(oam.statement.from == ["ITU-T Study Group 13"])
      #expect(oam.statement.sendReplyTo == "tsbsg13@itu.int", "the response goes to SG13")
      #expect(oam.statement.route.groups == ["detnet"])
      #expect(oam.statement.forwarded?.by == "lberger@example.net")
      #expect(oam.statement.forwarded?.messageID == "<fwd-rfc822@example.net>")
      #expect(oam.statement.forwarded?.originalMessageID == "<sg13-ls77@itu.int>")
      #expect(oam.statement.forwarded?.at == "2026-11-20T09:15:00Z")
      #expect(oam.statement.attachments.map(\.filename) == ["original.eml"], "the forward is kept")

      let tsn = try run.statement(titled: "TSN-DetNet interworking")
      #expect(tsn.statement.sendReplyTo == "glenn.parsons@example.com")
      #expect(tsn.statement.route.groups == ["detnet"])
      #expect(tsn.statement.forwarded?.by == "janos.farkas@example.com")
      #expect(tsn.statement.forwarded?.form == .inline)
      // The notification carries the original statement's text.
      #expect(
        notifications.contains { $0.body.contains("Title: TSN-DetNet interworking") }, "\(mails)")
    }
  }
}
