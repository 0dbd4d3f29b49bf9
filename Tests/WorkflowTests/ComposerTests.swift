import Foundation
import Liaison
import Routing
import Testing

@testable import Workflow

@Suite struct ComposerTests {
  let configuration = ProcessConfiguration(
    gatewayAddress: "liaison-coordination@iab.org", publicURL: "https://liaisons.example.org/")

  func record(title: String = "LS on OTN network slicing", purpose: Purpose = .action)
    -> StatementRecord
  {
    let statement = ExtractedStatement(
      title: title, from: ["ITU-T SG15"], fromContacts: ["rapporteur@example.org"],
      sendReplyTo: "tsbsg15@itu.int", to: ["IETF CCAMP WG"], purpose: purpose,
      deadline: "2027-03-01",
      attachments: [
        AttachmentInfo(
          filename: "LS-123.pdf", contentType: "application/pdf", size: 12_345, sha256: "00")
      ],
      route: RouteDecision(
        groups: ["ccamp"], recipients: ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"],
        reason: "To names IETF CCAMP WG"),
      body: "Please comment.", messageID: "<ls123@itu.int>")
    return StatementRecord(
      id: "LS-2026-0042", statement: statement, receivedAt: "2026-11-23T12:00:00Z", state: .open)
  }

  @Test func notificationCarriesEverythingAndAPlusReplyTo() {
    let mail = NotificationComposer(configuration: configuration).notification(record())
    #expect(mail.to == ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"])
    #expect(mail.replyTo == "liaison-coordination+ls-2026-0042@iab.org")
    #expect(mail.autoSubmitted == "auto-generated")
    #expect(mail.dedupeKey == "notify:LS-2026-0042")
    for needle in [
      "LS on OTN network slicing", "ITU-T SG15", "IETF CCAMP WG", "For Action", "2027-03-01",
      "tsbsg15@itu.int",
      "LS-123.pdf", "https://liaisons.example.org/ls/LS-2026-0042",
    ] {
      #expect(mail.body.contains(needle), "missing \(needle)")
    }
  }

  @Test func hostileTitlesBecomeOneBoundedLine() {
    let mail = NotificationComposer(configuration: configuration)
      .notification(
        record(title: "Hi\r\nBcc: victim@example.org\u{0}" + String(repeating: "x", count: 1000)))
    #expect(
      !mail.subject.contains("\r") && !mail.subject.contains("\n")
        && !mail.subject.contains("\u{0}"))
    #expect(mail.subject.count < 220)
  }

  @Test func acknowledgementIsAutoReplied() {
    let mail = NotificationComposer(configuration: configuration).acknowledgement(
      record(purpose: .information), to: "tsbsg15@itu.int")
    #expect(mail.subject == "Receipt of LS on OTN network slicing")
    #expect(mail.autoSubmitted == "auto-replied")
    #expect(mail.inReplyTo == "<ls123@itu.int>")
    #expect(mail.to == ["tsbsg15@itu.int"])
  }

  @Test func reminderLabels() {
    let composer = NotificationComposer(configuration: configuration)
    let deadline = CalendarDay.date(from: "2027-03-01")!
    let occurrences = ReminderSchedule().occurrences(deadline: deadline)
    let first = composer.reminder(record(), occurrence: occurrences[0])
    #expect(first.dedupeKey == "remind:LS-2026-0042:T-14")
    #expect(first.body.contains("is due in 14 days"))
    let overdue = composer.reminder(record(), occurrence: occurrences[4])
    #expect(overdue.body.contains("7 days overdue"))
  }

  @Test func digestListsWhatNeedsAttention() throws {
    var overdue = record()
    overdue.id = "LS-2026-0001"
    var misdirected = record()
    misdirected.id = "LS-2026-0002"
    misdirected.state = .misdirected
    misdirected.statement.route = RouteDecision(
      misdirected: true, reason: "misdirected: concluded group pwe3")
    var answered = record()
    answered.id = "LS-2026-0003"
    answered.responses = ["LS-2026-0004"]
    answered.state = .answered
    var unrouted = record(purpose: .comment)
    unrouted.id = "LS-2026-0005"
    unrouted.state = .unrouted
    let digest = IABDigest(configuration: configuration)
    let now = CalendarDay.date(from: "2027-03-10")!
    let sections = digest.sections(of: [overdue, misdirected, answered, unrouted], now: now)
    // Overdue is ResponseRule's: a misdirected or unrouted statement can be late too.
    #expect(sections.overdue.map(\.id) == ["LS-2026-0001", "LS-2026-0002", "LS-2026-0005"])
    #expect(sections.misdirected.map(\.id) == ["LS-2026-0002"])
    #expect(sections.unrouted.map(\.id) == ["LS-2026-0005"])
    let mail = try #require(digest.compose(sections, now: now))
    #expect(mail.to == [configuration.iabContact])
    #expect(mail.dedupeKey == "digest:2027-W10")
    #expect(mail.body.contains("concluded group pwe3"))
    #expect(!mail.body.contains("LS-2026-0003"))
    #expect(digest.compose(IABDigest.Sections(), now: now) == nil)
  }

  @Test func replyGoesToSendReplyToOnlyAndNeedsTheAD() {
    let relay = ReplyRelay(registry: RoutingRegistry.embedded, configuration: configuration)
    let original = record().statement
    var reply = ExtractedStatement(
      kind: .replyToStatement, fromContacts: ["chair@example.net"],
      toContacts: ["liaison-coordination+ls-2026-0042@iab.org"])
    #expect(
      relay.decide(reply: reply, original: original)
        == .awaitApproval(ads: ["rtg-ads@ietf.org"], destination: "tsbsg15@itu.int"))
    reply.cc = ["RTG-ADs@ietf.org"]
    #expect(relay.decide(reply: reply, original: original) == .relay(to: "tsbsg15@itu.int"))
    var noReplyTo = original
    noReplyTo.sendReplyTo = nil
    #expect(relay.decide(reply: reply, original: noReplyTo) == .relay(to: "rapporteur@example.org"))
    var irtf = original
    irtf.route = RouteDecision(groups: ["cfrg"], recipients: ["irtf-chair@irtf.org"])
    reply.cc = []
    #expect(relay.decide(reply: reply, original: irtf) == .relay(to: "tsbsg15@itu.int"))
  }

  @Test func plusAddresses() {
    #expect(
      configuration.replyAddress(for: "LS-2026-0042") == "liaison-coordination+ls-2026-0042@iab.org"
    )
    #expect(configuration.isGateway("Liaison-Coordination+LS-2026-0042@IAB.org"))
    #expect(!configuration.isGateway("ccamp@ietf.org"))
    #expect(configuration.recordURL(for: "LS-1") == "https://liaisons.example.org/ls/LS-1")
  }
}
