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

  /// Reply-To is the receivers themselves: a reply-all discusses, it is never relayed; the
  /// secret respond address travels only in X-Liaison-Respond.
  @Test func notificationCarriesEverythingAndTheRespondAddressOnlyInItsHeader() throws {
    var configuration = configuration
    configuration.tokenKey = try CommandTokenKey(bytes: Array(repeating: 7, count: 32), file: "k")
    let mail = NotificationComposer(configuration: configuration).notification(record())
    #expect(mail.to == ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"])
    #expect(mail.replyTo == ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"])
    let respond = try #require(mail.headers["X-Liaison-Respond"])
    let parsed = try #require(
      CommandAddress(parsing: respond, gateways: [configuration.gatewayAddress]))
    #expect(parsed.purpose == .respond && parsed.id == "ls-2026-0042")
    #expect(configuration.commandTokens?.verify(parsed) == true)
    #expect(!mail.body.contains(parsed.token))
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
    #expect(overdue.body.contains("is overdue by 7 days"))
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

  @Test func responseGoesToSendReplyToOnlyElseTheFirstFromContact() {
    let relay = ReplyRelay(registry: RoutingRegistry.embedded, configuration: configuration)
    var original = record().statement
    #expect(relay.destination(of: original) == "tsbsg15@itu.int")
    original.sendReplyTo = nil
    #expect(relay.destination(of: original) == "rapporteur@example.org")
  }

  /// The response is a statement written by people: the metadata block first, the text
  /// without quoted history, no Auto-Submitted.
  @Test func responseStartsWithTheMetadataBlockAndDropsQuotedHistory() {
    let original = record()
    let draft = StatementRecord(
      id: "LS-2026-0043",
      statement: ExtractedStatement(
        kind: .replyToStatement, title: "Re: LS on OTN network slicing",
        fromContacts: ["chair@example.net"],
        body:
          "The CCAMP WG thanks SG15.\n\nOn Mon, 23 Nov 2026, IETF Liaison wrote:\n> Please comment.\n> more"
      ), receivedAt: "2026-11-24T12:00:00Z", state: .open)
    let mail = NotificationComposer(configuration: configuration).response(
      draft: draft, original: original, to: "tsbsg15@itu.int", cc: ["ccamp-chairs@ietf.org"],
      replyTo: "liaison-coordination@iab.org")
    #expect(mail.to == ["tsbsg15@itu.int"])
    #expect(mail.autoSubmitted == nil)
    #expect(mail.replyTo == ["liaison-coordination@iab.org"])
    #expect(
      mail.body.hasPrefix(
        "Title: Re: LS on OTN network slicing\nFrom: IETF CCAMP WG\nTo: ITU-T SG15\n"
          + "Purpose: In response\n"
          + "In response to: LS on OTN network slicing (LS-2026-0042)\n"
          + "Send Reply To: liaison-coordination@iab.org\n\nThe CCAMP WG thanks SG15."))
    #expect(!mail.body.contains("> Please comment") && !mail.body.contains("wrote:"))
  }

  @Test func plusAddresses() {
    #expect(configuration.respondAddress(for: "LS-2026-0042") == nil, "no key, no address")
    #expect(configuration.isGateway("Liaison-Coordination+LS-2026-0042@IAB.org"))
    #expect(!configuration.isGateway("ccamp@ietf.org"))
    #expect(configuration.recordURL(for: "LS-1") == "https://liaisons.example.org/ls/LS-1")
  }
}
