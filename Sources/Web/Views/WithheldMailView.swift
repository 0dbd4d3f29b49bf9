import Foundation
import Mustache
import Store

/// `/iab`'s list of mail the outbound policy held back (over the daily cap to an outside
/// address) or refused (not an allowed recipient). Every value is shown as escaped text.
struct WithheldMailSectionView: Sendable {
  var rows: [WithheldMailRowView]
  var hasRows: Bool
  var count: String

  init(_ mails: [WithheldMail]) {
    rows = mails.map(WithheldMailRowView.init)
    hasRows = !mails.isEmpty
    count = Labels.count(mails.count)
  }
}

struct WithheldMailRowView: Sendable {
  var kind: String
  /// `Held` or `Refused`.
  var state: String
  var stateClass: String
  var date: String
  var recipients: String
  var subject: String
  var reason: String
  /// As text, not a link: the statement a held reply is about may not be public.
  var statementID: String?

  init(_ mail: WithheldMail) {
    kind = mail.kind.replacingOccurrences(of: "_", with: " ")
    state = mail.status == .held ? "Held" : "Refused"
    stateClass = mail.status.rawValue
    date = Timestamp.display(mail.queuedAt.formatted(Date.ISO8601FormatStyle()))
    recipients = mail.recipients.joined(separator: ", ")
    subject = mail.subject
    reason = mail.reason
    statementID = mail.statementID
  }
}

// Looked up by name without `Mirror`, as every view (MustacheParent+Views.swift).
extension WithheldMailSectionView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "rows": rows
    case "hasRows": hasRows
    case "count": count
    default: nil
    }
  }
}

extension WithheldMailRowView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "kind": kind
    case "state": state
    case "stateClass": stateClass
    case "date": date
    case "recipients": recipients
    case "subject": subject
    case "reason": reason
    case "statementID": statementID
    default: nil
    }
  }
}
