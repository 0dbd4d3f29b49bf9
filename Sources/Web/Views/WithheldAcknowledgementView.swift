import Foundation
import Liaison
import Mustache
import Store

/// `/iab`'s list of For-Information statements the process did not acknowledge (mostly
/// senders the MTA did not vouch for): the Send Reply To each named got nothing. The
/// count per address makes a flood aimed at one victim stand out. Escaped text only; the
/// gateway's command addresses are cut out of every value.
struct WithheldAcknowledgementSectionView: Sendable {
  var rows: [WithheldAcknowledgementRowView]
  var hasRows: Bool
  var count: String
  var addresses: [AddressCountView]
  var hasAddresses: Bool
  var days: String
  /// More were withheld in the window than are shown.
  var more: String?

  init(
    _ page: WithheldAcknowledgementPage, days: Int, commandAddresses: CommandAddresses
  ) {
    rows = page.items.map { WithheldAcknowledgementRowView($0, commandAddresses: commandAddresses) }
    hasRows = !page.items.isEmpty
    count = Labels.count(page.total)
    addresses = page.addresses.map {
      AddressCountView(address: commandAddresses.redact($0.address), count: Labels.count($0.count))
    }
    hasAddresses = !page.addresses.isEmpty
    self.days = "\(days)"
    more =
      page.total > page.items.count
      ? "The newest \(page.items.count) are shown; liaisond show ID has each one's history." : nil
  }
}

struct WithheldAcknowledgementRowView: Sendable {
  /// As text: the statement may be private.
  var statementID: String
  var date: String
  var sender: String
  var sendReplyTo: String?
  var reason: String

  init(_ withheld: WithheldAcknowledgement, commandAddresses: CommandAddresses) {
    statementID = withheld.statementID
    date = Timestamp.display(withheld.receivedAt)
    let sender = commandAddresses.redact(withheld.sender)
    self.sender = sender.isEmpty ? "Unknown sender" : sender
    sendReplyTo = withheld.sendReplyTo.map(commandAddresses.redact).flatMap {
      $0.isEmpty ? nil : $0
    }
    reason = commandAddresses.redact(withheld.reason)
  }
}

struct AddressCountView: Sendable {
  var address: String
  var count: String
}

extension WithheldAcknowledgementSectionView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "rows": rows
    case "hasRows": hasRows
    case "count": count
    case "addresses": addresses
    case "hasAddresses": hasAddresses
    case "days": days
    case "more": more
    default: nil
    }
  }
}

extension WithheldAcknowledgementRowView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "statementID": statementID
    case "date": date
    case "sender": sender
    case "sendReplyTo": sendReplyTo
    case "reason": reason
    default: nil
    }
  }
}

extension AddressCountView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "address": address
    case "count": count
    default: nil
    }
  }
}
