import Foundation
import Liaison
import MIME
import MailBenchSupport
import Store
import Testing
import Workflow

@testable import Daemon

/// Issue 15, a statement forwarded to the gateway, on the real bench (DKIM signed by the
/// sender's server and verified as the receiving MTA `mx.iab.org` would). When a chair
/// forwards it, authenticated, the forward is that role holder's act: the statement is
/// routed by its inner metadata, the acknowledgement reaches the original Send Reply To with
/// the chair copied, and the approved response goes there too. When a stranger or a forger
/// forwards one, nothing goes outside the IETF and the withheld acknowledgement is on /iab.
@Suite("Forwarded statements on the mail bench", .serialized, .sharedMailBench)
struct ForwardedStatementBenchTests {
  typealias Gateway = AttackSuiteBenchTests.Gateway
  static let chair = AttackSuiteBenchTests.chair
  static let ad = AttackSuiteBenchTests.ad
  static let original = "tsbsg15@itu.int"
  static let replies = "sg15-replies@itu.int"

  @Test("a chair's forward: routed by the original, acknowledged and answered to its sender")
  func chairForwards() async throws {
    try await Gateway.with { g in
      let title = "LS on OTN slicing telemetry"
      try await g.send(
        .signed, Self.forward(from: Self.chair, title: title, sendReplyTo: Self.replies))
      try await g.cycle()

      let mails = try g.newMail()
      let record = try #require(try g.store.export().first { $0.statement.title == title })
      #expect(record.statement.route.groups == ["ccamp"], "routed by the inner To")
      #expect(record.statement.sendReplyTo == Self.replies)
      #expect(record.statement.fromContacts == [Self.original])
      let forward = try #require(record.statement.forwarded, "the forward is kept")
      #expect(forward.by == Self.chair && forward.form == .attached)
      #expect(forward.originalMessageID == "<ls-otn-telemetry@itu.int>")
      #expect(forward.at == "2026-11-23T09:30:00Z")
      #expect(forward.messageID == record.statement.messageID)

      let acks = mails.filter { $0.subject.hasPrefix("Receipt of ") }
      #expect(acks.count == 1, "\(mails)")
      let ack = try #require(acks.first)
      #expect(ack.header.addresses("to").map { $0.address.lowercased() } == [Self.replies])
      #expect(ack.header.addresses("cc").map { $0.address.lowercased() } == [Self.chair])
      #expect(ack.body.contains("forwarded to the IETF liaison coordination by \(Self.chair)"))
      #expect(ack.autoSubmitted == "auto-replied")
      // Outside the IETF, only the original Send Reply To, and only the acknowledgement.
      let outside = mails.filter { !$0.recipients.allSatisfy(AttackSuiteBenchTests.isIETFSide) }
      #expect(outside.map(\.subject) == [ack.subject], "\(mails)")
      #expect(!mails.contains { $0.recipients.contains(Self.original) }, "\(mails)")
      let notification = try #require(
        mails.first { $0.subject.hasPrefix("Liaison statement \(record.id)") }, "\(mails)")
      #expect(notification.recipients.contains(Self.chair))

      // On the public record: the page, /api and export say who forwarded it.
      let pages = try await g.web(["/ls/\(record.id)", "/api/statements/\(record.id)"])
      let page = pages["/ls/\(record.id)"]?.body ?? ""
      #expect(page.contains("Forwarded by") && page.contains(Self.chair), "\(page)")
      #expect(page.contains("Incoming, received by the IETF"))
      let api = pages["/api/statements/\(record.id)"]?.body ?? ""
      #expect(api.contains("\"forwarded\"") && api.contains("<ls-otn-telemetry@itu.int>"))
      #expect(
        try g.store.export(scope: .publicRecord).first { $0.id == record.id }?.statement.forwarded
          == forward)

      // The chair responds, the AD approves: the response reaches the original Send Reply To.
      let received = AttackSuiteBenchTests.Received(
        id: record.id, title: title,
        respond: try #require(notification.field("x-liaison-respond")),
        notificationID: try #require(notification.field("message-id")),
        receivers: notification.header.addresses("reply-to").map(\.address))
      let draft = try await g.submitDraft(to: received, from: Self.chair, approvers: [Self.ad])
      try await g.send(
        .signed,
        TestMail.text(
          from: Self.ad, to: draft.approve, subject: "Re: approval", body: "APPROVE"))
      try await g.cycle()
      let sent = try g.newMail()
      #expect(sent.count == 1, "\(sent)")
      let response = try #require(sent.first)
      #expect(response.header.addresses("to").map { $0.address.lowercased() } == [Self.replies])
      #expect(response.body.contains(AttackSuiteBenchTests.text), "\(response.body)")
      #expect(!sent.contains { $0.recipients.contains(Self.original) })
      #expect(try g.store.statement(id: record.id)?.state == .answered)
    }
  }

  @Test("a stranger's or a forger's forward sends nothing outside the IETF")
  func strangersForward() async throws {
    try await Gateway.with { g in
      let victim = AttackSuiteBenchTests.victim
      // Authenticated, but holding no role.
      try await g.send(
        .signed,
        Self.forward(
          from: AttackSuiteBenchTests.mallory, title: "LS one for the victim", sendReplyTo: victim))
      // A registered chair's address, not authenticated (no MTA vouched for it).
      try await g.send(
        .asIs, Self.forward(from: Self.chair, title: "LS two for the victim", sendReplyTo: victim))
      try await g.cycle()

      let mails = try g.newMail()
      let leaked = mails.filter { !$0.recipients.allSatisfy(AttackSuiteBenchTests.isIETFSide) }
      #expect(leaked.isEmpty, "mail left the IETF side: \(leaked)")
      #expect(!mails.contains { $0.subject.hasPrefix("Receipt of ") }, "\(mails)")

      let records = try g.store.export().filter { $0.statement.title?.contains("victim") == true }
      #expect(records.count == 2)
      let iab = try await g.web(["/iab"])["/iab"]?.body ?? ""
      for record in records {
        #expect(record.statement.forwarded != nil)
        let withheld = record.events.first { $0.kind == .notAcknowledged }?.detail ?? ""
        #expect(withheld.hasPrefix("forwarded by "), "\(record.id): \(withheld)")
        #expect(iab.contains(record.id), "\(record.id) is not on /iab")
      }
      #expect(iab.contains("who holds no role in the registry"))
      #expect(iab.contains("who is not authenticated"))
    }
  }

  /// `from` forwards, as an attached message/rfc822, an ITU-T SG15 For-Information statement
  /// to the CCAMP WG naming `sendReplyTo`.
  static func forward(from: String, title: String, sendReplyTo: String) -> [UInt8] {
    let slug = title.lowercased().contains("telemetry") ? "ls-otn-telemetry" : UUID().uuidString
    let original = """
      From: ITU-T SG15 <\(Self.original)>\r
      To: \(from)\r
      Subject: \(title)\r
      Date: Mon, 23 Nov 2026 08:00:00 +0000\r
      Message-ID: <\(slug)@itu.int>\r
      MIME-Version: 1.0\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      Title: \(title)\r
      From: ITU-T SG15\r
      To: IETF CCAMP WG\r
      Send Reply To: \(sendReplyTo)\r
      Purpose: For information\r
      \r
      SG15 shares its progress on OTN slicing telemetry.\r

      """
    let mail = """
      From: \(from)\r
      To: \(AttackSuiteBenchTests.gateway)\r
      Subject: Fwd: \(title)\r
      Date: Mon, 23 Nov 2026 10:30:00 +0100\r
      Message-ID: <\(UUID().uuidString)@forward.example>\r
      MIME-Version: 1.0\r
      Content-Type: multipart/mixed; boundary="fwd-boundary"\r
      \r
      --fwd-boundary\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      This came to me directly; please route it.\r
      \r
      --fwd-boundary\r
      Content-Type: message/rfc822\r
      Content-Disposition: attachment; filename="original.eml"\r
      \r
      \(original)\r
      --fwd-boundary--\r

      """
    return Array(mail.utf8)
  }
}
