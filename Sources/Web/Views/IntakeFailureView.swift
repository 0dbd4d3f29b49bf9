import Foundation
import Liaison
import Mustache
import Store

/// `/iab`'s list of messages intake could not finish: recorded but failed in the process
/// (a defect), or given up on after repeated failures (quarantined). Escaped text only;
/// the gateway's command addresses are blanked out of the reasons.
struct IntakeFailureSectionView: Sendable {
  var rows: [IntakeFailureRowView]
  var hasRows: Bool
  var count: String

  init(_ failures: [IntakeFailure], commandAddresses: CommandAddresses) {
    rows = failures.map { IntakeFailureRowView($0, commandAddresses: commandAddresses) }
    hasRows = !failures.isEmpty
    count = Labels.count(failures.count)
  }
}

struct IntakeFailureRowView: Sendable {
  var date: String
  var origin: String
  /// As text: the statement may be private.
  var statementID: String?
  var state: String
  var attempts: String
  var reason: String

  init(_ failure: IntakeFailure, commandAddresses: CommandAddresses) {
    date = Timestamp.display(failure.lastAt.formatted(Date.ISO8601FormatStyle()))
    origin = failure.origin
    statementID = failure.statementID
    state =
      failure.quarantined
      ? "Quarantined" : failure.stage == .process ? "Recorded, process failed" : "Retrying"
    attempts = "\(failure.attempts)"
    reason = commandAddresses.redact(failure.lastReason)
  }
}

extension IntakeFailureSectionView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "rows": rows
    case "hasRows": hasRows
    case "count": count
    default: nil
    }
  }
}

extension IntakeFailureRowView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "date": date
    case "origin": origin
    case "statementID": statementID
    case "state": state
    case "attempts": attempts
    case "reason": reason
    default: nil
    }
  }
}
