import Foundation
import Liaison

/// One statement as a line of the list and the IAB overview.
struct StatementRowView: Sendable {
  var id: String
  var href: String
  var title: String
  var from: String
  var to: String
  var purpose: String
  var state: String
  var stateClass: String
  var direction: String
  var deadline: String?
  var overdue: Bool
  var daysOverdue: String?
  var received: String
  var reason: String?

  init(_ record: StatementRecord, today: String) {
    let s = record.statement
    id = record.id
    href = "/ls/" + URLEncoding.pathSegment(record.id)
    title = Self.title(of: record)
    from = s.from.isEmpty ? "Unknown sender" : s.from.joined(separator: ", ")
    to =
      s.to.isEmpty
      ? (s.route.groups.isEmpty ? "—" : s.route.groups.joined(separator: ", "))
      : s.to.joined(separator: ", ")
    purpose = Labels.purpose(s.purpose)
    state = Labels.state(record.state)
    stateClass = Labels.stateClass(record.state)
    direction = Labels.direction(s.direction)
    deadline = s.deadline ?? s.deadlineText
    overdue = ResponseRule.isOverdue(record, today: today)
    if overdue, let d = s.deadline, let days = CalendarDay.days(from: d, to: today) {
      daysOverdue = days == 1 ? "1 day" : "\(days) days"
    }
    received = Timestamp.day(record.receivedAt)
    reason = s.route.reason.isEmpty ? nil : s.route.reason
  }

  static func title(of record: StatementRecord) -> String {
    if let title = record.statement.title?.trimmingCharacters(in: .whitespacesAndNewlines),
      !title.isEmpty
    {
      return title
    }
    return "(untitled statement \(record.id))"
  }
}
