import Foundation
import Liaison
import Testing

/// The one rule for "needs a response", "overdue" and "remindable", as a table: each case is
/// one statement and what the rule must say about it on 2026-11-23.
@Suite struct ResponseRuleTests {
  static let today = "2026-11-23"

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: MessageKind = .statement
    var purpose: Purpose? = .action
    var deadline: String? = "2026-11-01"
    var state: StatementState = .open
    var responses: [String] = []
    var events: [EventKind] = []
    var needsResponse: Bool
    var overdue: Bool
    var remindable: Bool

    var testDescription: String { name }

    var record: StatementRecord {
      StatementRecord(
        id: "LS-2026-0001",
        statement: ExtractedStatement(
          kind: kind, title: name, purpose: purpose, deadline: deadline),
        receivedAt: "2026-10-01T08:00:00Z", state: state,
        events: events.map { StatementEvent(at: "2026-10-02T08:00:00Z", kind: $0, detail: "") },
        responses: responses)
    }
  }

  static let cases: [Case] = [
    Case(name: "for action, deadline passed", needsResponse: true, overdue: true, remindable: true),
    Case(
      name: "for comment (older statements), deadline passed", purpose: .comment,
      needsResponse: true, overdue: true, remindable: true),
    Case(
      name: "deadline is today: not yet late", deadline: "2026-11-23", needsResponse: true,
      overdue: false, remindable: true),
    Case(
      name: "deadline was yesterday", deadline: "2026-11-22", needsResponse: true, overdue: true,
      remindable: true),
    Case(
      name: "deadline ahead", deadline: "2027-03-01", needsResponse: true, overdue: false,
      remindable: true),
    Case(
      name: "no deadline", deadline: nil, needsResponse: true, overdue: false, remindable: false),
    Case(
      name: "a deadline that is no real day", deadline: "2026-02-30", needsResponse: true,
      overdue: false, remindable: false),
    Case(
      name: "a deadline in another shape", deadline: "2026-11-1", needsResponse: true,
      overdue: false, remindable: false),
    Case(
      name: "unrouted: still waits", state: .unrouted, needsResponse: true, overdue: true,
      remindable: true),
    Case(
      name: "misdirected: still waits", state: .misdirected, needsResponse: true, overdue: true,
      remindable: true),
    Case(
      name: "a reply waits for approval: reminders go on", events: [.replyPending],
      needsResponse: true, overdue: true, remindable: true),
    Case(
      name: "answered", state: .answered, responses: ["LS-2026-0002"], needsResponse: false,
      overdue: false, remindable: false),
    Case(
      name: "a response linked, state not moved", responses: ["LS-2026-0002"],
      needsResponse: false, overdue: false, remindable: false),
    Case(name: "closed", state: .closed, needsResponse: false, overdue: false, remindable: false),
    Case(
      name: "quarantined", state: .quarantined, needsResponse: false, overdue: false,
      remindable: false),
    Case(
      name: "for information", purpose: .information, needsResponse: false, overdue: false,
      remindable: false),
    Case(
      name: "in response", purpose: .response, needsResponse: false, overdue: false,
      remindable: false),
    Case(name: "no purpose", purpose: nil, needsResponse: false, overdue: false, remindable: false),
    Case(
      name: "a reply, not a statement", kind: .replyToStatement, needsResponse: false,
      overdue: false, remindable: false),
    Case(
      name: "an automatic reply", kind: .autoReply, needsResponse: false, overdue: false,
      remindable: false),
  ]

  @Test(arguments: cases)
  func rule(_ c: Case) {
    let record = c.record
    #expect(ResponseRule.needsResponse(record) == c.needsResponse)
    #expect(ResponseRule.isOverdue(record, today: Self.today) == c.overdue)
    #expect(ResponseRule.isRemindable(record) == c.remindable)
  }

  /// The `Date` form is the same rule for the UTC day of that instant.
  @Test func anInstantCountsByItsUTCDay() throws {
    let record = Case(
      name: "due 2026-11-22", deadline: "2026-11-22", needsResponse: true, overdue: true,
      remindable: true
    ).record
    let lastMoment = try #require(CalendarDay.date(from: "2026-11-22")).addingTimeInterval(86_399)
    #expect(!ResponseRule.isOverdue(record, now: lastMoment))
    #expect(ResponseRule.isOverdue(record, now: lastMoment.addingTimeInterval(1)))
  }
}

@Suite struct EventKindTests {
  /// Stored rows hold the bare string; a kind this version does not know still reads back.
  @Test func codableAsItsRawString() throws {
    let data = try JSONEncoder().encode([EventKind.replyPending, EventKind(rawValue: "legacy")])
    #expect(String(decoding: data, as: UTF8.self) == #"["reply_pending","legacy"]"#)
    #expect(try JSONDecoder().decode([EventKind].self, from: data).last?.rawValue == "legacy")
  }

  @Test func theVocabularyHasNoTwins() {
    #expect(Set(EventKind.allCases.map(\.rawValue)).count == EventKind.allCases.count)
    #expect(EventKind(state: .closed) == .closed)
    #expect(EventKind(state: .awaitingApproval).rawValue == "awaiting_approval")
  }
}
