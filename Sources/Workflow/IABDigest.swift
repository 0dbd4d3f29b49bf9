import Foundation
import Liaison
import Store

/// The weekly mail to the IAB contact: what needs a human (seed 001 section 4). It lists
/// what `/iab` shows; overdue is `ResponseRule`'s.
public struct IABDigest: Sendable {
  public struct Sections: Hashable, Sendable {
    public var unrouted: [StatementRecord] = []
    public var misdirected: [StatementRecord] = []
    public var overdue: [StatementRecord] = []
    public var awaitingApproval: [StatementRecord] = []
    /// Mail of the week that is no statement and was not routed (automatic mail, bounces,
    /// mail that is no liaison, quarantined mail): the IAB sees what was not passed on.
    public var notRouted: [PrivateMail] = []
    /// How many there were, when more than `notRouted` lists.
    public var notRoutedTotal = 0
    public var isEmpty: Bool {
      unrouted.isEmpty && misdirected.isEmpty && overdue.isEmpty && awaitingApproval.isEmpty
        && notRouted.isEmpty
    }
  }

  public let configuration: ProcessConfiguration

  public init(configuration: ProcessConfiguration) {
    self.configuration = configuration
  }

  /// The states whose statements the digest may list: its own sections' and those in which
  /// a statement can be overdue.
  public static var states: [StatementState] {
    var states: [StatementState] = [.unrouted, .misdirected, .awaitingApproval]
    for state in ResponseRule.waitingStates where !states.contains(state) { states.append(state) }
    return states
  }

  /// An overdue statement that is also unrouted or misdirected is listed under both, as on
  /// `/iab`: it needs routing, and sooner than the others.
  public func sections(of records: [StatementRecord], now: Date) -> Sections {
    var sections = Sections()
    for record in records {
      switch record.state {
      case .unrouted: sections.unrouted.append(record)
      case .misdirected: sections.misdirected.append(record)
      case .awaitingApproval: sections.awaitingApproval.append(record)
      default: break
      }
      if ResponseRule.isOverdue(record, now: now) { sections.overdue.append(record) }
    }
    return sections
  }

  /// The digest for the ISO week of `now`, or nil when nothing needs attention.
  public func compose(_ sections: Sections, now: Date) -> PlannedMail? {
    guard !sections.isEmpty else { return nil }
    let week = Self.isoWeek(now)
    var body = "Liaison statements that need attention (week \(week)).\n"
    func list(_ title: String, _ records: [StatementRecord], _ detail: (StatementRecord) -> String)
    {
      guard !records.isEmpty else { return }
      body += "\n\(title) (\(records.count)):\n"
      for record in records {
        body += "- \(record.id): \(NotificationComposer.subject(record.statement.title))\n"
        body += "  \(detail(record))\n  \(configuration.recordURL(for: record.id))\n"
      }
    }
    list("Unrouted", sections.unrouted) {
      "from \(NotificationComposer.line($0.statement.from.joined(separator: "; ")))"
    }
    list("Misdirected", sections.misdirected) {
      NotificationComposer.line($0.statement.route.reason)
    }
    list("Overdue", sections.overdue) {
      "deadline \($0.statement.deadline ?? "?"), receivers \($0.statement.route.groups.joined(separator: ", "))"
    }
    list("Awaiting AD approval", sections.awaitingApproval) {
      "reply answering \($0.answers ?? "?")"
    }
    if !sections.notRouted.isEmpty {
      body +=
        "\nNot routed this week (\(max(sections.notRoutedTotal, sections.notRouted.count))):\n"
      for mail in sections.notRouted {
        body += "- \(mail.id) \(mail.kind), \(mail.receivedAt), from "
        body +=
          "\(NotificationComposer.line(mail.sender.isEmpty ? "(unknown)" : mail.sender, limit: 200)): "
        body += "\(NotificationComposer.subject(mail.subject.isEmpty ? nil : mail.subject))\n"
        body +=
          "  \(NotificationComposer.line(mail.why.isEmpty ? "(no reason recorded)" : mail.why))\n"
      }
      if sections.notRoutedTotal > sections.notRouted.count {
        body += "  ... and \(sections.notRoutedTotal - sections.notRouted.count) more (/iab)\n"
      }
      body += "A statement among them: liaisond reclassify ID --as statement\n"
    }
    body += "\nRoute a statement with: liaisond route ID --to GROUP --note TEXT\n"
    return PlannedMail(
      kind: .digest, statementID: nil, dedupeKey: Self.dedupeKey(now),
      to: [configuration.iabContact],
      subject: "Liaison statements needing attention, week \(week)", body: body)
  }

  /// The kinds the "not routed" section lists: not a chair's reply (the process handles
  /// those, and a refused command is on `/iab` already).
  static func isNotRoutedMail(_ mail: PrivateMail) -> Bool {
    mail.kind != MessageKind.replyToStatement.rawValue
  }

  /// Most not-routed mails listed one by one; the rest are counted.
  static let notRoutedListed = 100

  /// One digest per ISO week: `digest:2026-W48`.
  static func dedupeKey(_ date: Date) -> String { "digest:\(isoWeek(date))" }

  /// `2026-W48`.
  static func isoWeek(_ date: Date) -> String {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
    return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
  }
}
