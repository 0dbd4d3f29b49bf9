import Liaison

/// A For-Action statement whose deadline has passed and that nobody has answered or closed.
enum Overdue {
  static func isOverdue(_ record: StatementRecord, today: String) -> Bool {
    guard record.statement.purpose == .action, let deadline = record.statement.deadline,
      CalendarDay.isValid(deadline)
    else { return false }
    return deadline < today && record.state != .answered && record.state != .closed
  }
}
