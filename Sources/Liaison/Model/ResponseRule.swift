import Foundation

/// Which statements wait for a response from the IETF side, which of those are overdue, and
/// which are reminded of. The web record (`/iab`, the lists), the weekly IAB digest and the
/// reminders all ask here, so they cannot disagree about a statement.
///
/// - A For-Action statement, or a For-Comment one (the label older statements use, seed 002),
///   needs a response until one is recorded or it is closed.
/// - It is overdue once the day of its deadline has passed (UTC days): on the deadline day
///   itself it is not yet late.
/// - It is remindable while it needs a response and has a deadline that is a real day. A
///   reply waiting for approval does not stop the reminders (SPEC, "Approval"): until it is
///   sent, nothing has reached the sender.
///
/// Pure: the caller says what day it is.
public enum ResponseRule {
  /// The purposes that ask for a response, in the order lists show them.
  public static let purposes: [Purpose] = [.action, .comment]
  /// The states in which a statement still waits. A recorded response moves it to
  /// `answered`; `closed` ends the wait by hand; a quarantined message is not a statement
  /// anyone can answer.
  public static let waitingStates: [StatementState] = [.open, .unrouted, .misdirected]

  public static func needsResponse(_ record: StatementRecord) -> Bool {
    guard record.statement.kind == .statement, let purpose = record.statement.purpose else {
      return false
    }
    return purposes.contains(purpose) && waitingStates.contains(record.state)
      && record.responses.isEmpty
  }

  /// The deadline when it is a real `YYYY-MM-DD` day; a deadline the extractor could not
  /// normalise names no day anyone can be late for or reminded of.
  public static func deadline(of record: StatementRecord) -> String? {
    guard let deadline = record.statement.deadline, CalendarDay.isValid(deadline) else {
      return nil
    }
    return deadline
  }

  /// Needs a response, and `today` (`YYYY-MM-DD`, UTC) is after its deadline day.
  public static func isOverdue(_ record: StatementRecord, today: String) -> Bool {
    guard needsResponse(record), let deadline = deadline(of: record) else { return false }
    return deadline < today
  }

  /// `isOverdue(_:today:)` for the UTC day of `now`.
  public static func isOverdue(_ record: StatementRecord, now: Date) -> Bool {
    isOverdue(record, today: CalendarDay.string(from: now))
  }

  /// Needs a response but names no day it is due (no deadline, or one the extractor could
  /// not read): nobody can be reminded, so the liaison manager and the IAB are told once.
  public static func hasUnclearDeadline(_ record: StatementRecord) -> Bool {
    needsResponse(record) && deadline(of: record) == nil
  }

  /// Needs a response and has a deadline to be reminded of.
  public static func isRemindable(_ record: StatementRecord) -> Bool {
    needsResponse(record) && deadline(of: record) != nil
  }
}
