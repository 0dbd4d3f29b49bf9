import Foundation
import Liaison

/// The list's search form: parsed from the query string, turned into a `StatementQuery`,
/// and echoed back into the form and the paging links.
struct FilterForm: Sendable {
  /// Longer values are cut: nobody types a 300-character body name, and the store
  /// should not be handed unbounded search text.
  static let maximumFieldLength = 200
  static let maximumPage = 100_000

  var q = ""
  var from = ""
  var to = ""
  var purpose = ""
  var state = ""
  /// `passed` or `upcoming`.
  var deadline = ""
  var receivedFrom = ""
  var receivedTo = ""
  var page = 1
  /// Values that were ignored, in words for the page.
  var notices: [String] = []

  static let purposes: [(String, String)] = [
    ("", "Any purpose"), (Purpose.action.rawValue, "For action"),
    (Purpose.information.rawValue, "For information"), (Purpose.response.rawValue, "In response"),
    (Purpose.comment.rawValue, "For comment"),
  ]
  /// The states a public statement can be in. A draft awaiting approval and a quarantined
  /// mail are private (`MessageKind.isPublic`): a filter for them could never match.
  static let states: [(String, String)] =
    [("", "Any state")]
    + [StatementState.open, .unrouted, .misdirected, .answered, .closed]
    .map { ($0.rawValue, Labels.state($0)) }
  static let deadlines: [(String, String)] = [
    ("", "Any deadline"), ("passed", "Deadline passed"), ("upcoming", "Deadline upcoming"),
  ]

  init(fields: [String: String]) {
    func field(_ name: String) -> String {
      let value = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      return String(value.prefix(Self.maximumFieldLength))
    }
    q = field("q")
    from = field("from")
    to = field("to")
    purpose = field("purpose")
    if !purpose.isEmpty, !Self.purposes.contains(where: { $0.0 == purpose }) {
      notices.append("Unknown purpose ignored.")
      purpose = ""
    }
    state = field("state")
    if !state.isEmpty, !Self.states.contains(where: { $0.0 == state }) {
      notices.append("Unknown state ignored.")
      state = ""
    }
    deadline = field("deadline")
    if !deadline.isEmpty, !Self.deadlines.contains(where: { $0.0 == deadline }) {
      notices.append("Unknown deadline filter ignored.")
      deadline = ""
    }
    receivedFrom = field("received_from")
    if !receivedFrom.isEmpty, !CalendarDay.isValid(receivedFrom) {
      notices.append("“Received from” is not a date (YYYY-MM-DD) and was ignored.")
      receivedFrom = ""
    }
    receivedTo = field("received_to")
    if !receivedTo.isEmpty, !CalendarDay.isValid(receivedTo) {
      notices.append("“Received to” is not a date (YYYY-MM-DD) and was ignored.")
      receivedTo = ""
    }
    let pageText = field("page")
    if let n = Int(pageText), n >= 1 {
      page = min(n, Self.maximumPage)
    } else if !pageText.isEmpty {
      notices.append("Page number ignored.")
    }
  }

  var isFiltered: Bool {
    !(from.isEmpty && to.isEmpty && purpose.isEmpty && state.isEmpty && deadline.isEmpty
      && receivedFrom.isEmpty && receivedTo.isEmpty)
  }

  func query(today: String, pageSize: Int) -> StatementQuery {
    var query = StatementQuery(limit: pageSize, offset: (page - 1) * pageSize)
    query.text = q.isEmpty ? nil : q
    query.from = from.isEmpty ? nil : from
    query.to = to.isEmpty ? nil : to
    query.purpose = purpose.isEmpty ? nil : Purpose(rawValue: purpose)
    query.state = state.isEmpty ? nil : StatementState(rawValue: state)
    switch deadline {
    case "passed": query.deadlineBefore = today
    case "upcoming": query.deadlineOnOrAfter = today
    default: break
    }
    query.receivedOnOrAfter = receivedFrom.isEmpty ? nil : receivedFrom
    // The form's "to" day is inclusive; the query's bound is not.
    query.receivedBefore = receivedTo.isEmpty ? nil : CalendarDay.adding(days: 1, to: receivedTo)
    return query
  }

  /// The form's values as query pairs, for links that keep the search (paging).
  func pairs(page: Int? = nil) -> [(String, String)] {
    var pairs: [(String, String)] = [
      ("q", q), ("from", from), ("to", to), ("purpose", purpose), ("state", state),
      ("deadline", deadline), ("received_from", receivedFrom), ("received_to", receivedTo),
    ]
    if let page, page > 1 { pairs.append(("page", String(page))) }
    return pairs
  }

  func href(page: Int) -> String {
    let query = URLEncoding.query(pairs(page: page))
    return query.isEmpty ? "/" : "/?" + query
  }

  var view: FilterFormView {
    FilterFormView(
      q: q, from: from, to: to, receivedFrom: receivedFrom, receivedTo: receivedTo,
      purposeOptions: Self.purposes.map {
        OptionView(value: $0.0, label: $0.1, selected: $0.0 == purpose)
      },
      stateOptions: Self.states.map {
        OptionView(value: $0.0, label: $0.1, selected: $0.0 == state)
      },
      deadlineOptions: Self.deadlines.map {
        OptionView(value: $0.0, label: $0.1, selected: $0.0 == deadline)
      },
      isFiltered: isFiltered)
  }
}
