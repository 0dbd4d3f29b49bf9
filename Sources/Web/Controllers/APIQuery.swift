import Foundation
import Hummingbird
import Liaison

/// The query parameters of `/api/statements`: the list page's filters, plus `kind`,
/// `limit` and `offset`. Unlike the page, which ignores what it cannot use and says so,
/// the API refuses it with a 400 naming the parameter: a script should not silently get
/// every statement because it misspelled a filter.
struct APIQuery: Sendable {
  static let names = [
    "q", "from", "to", "purpose", "state", "kind", "direction", "deadline", "received_from",
    "received_to", "limit", "offset",
  ]
  static let maximumLimit = 1000
  /// A page when the client names no `limit`.
  static let defaultLimit = 100
  static let maximumOffset = 10_000_000
  /// Bounds what an error message repeats of the request.
  static let quotedLength = 60

  /// The search; without parameters, the newest `defaultLimit` public statements.
  var query: StatementQuery
  /// What the client asked for; nil: `defaultLimit`.
  var limit: Int?

  init(_ rawQuery: String?, today: String) throws(HTTPError) {
    var query = StatementQuery(limit: Self.defaultLimit, offset: 0)
    var seen = Set<String>()
    for pair in URLEncoding.formPairs(rawQuery) {
      guard let name = pair.name, !name.isEmpty else {
        throw Self.bad("a query parameter name is empty or not valid percent-encoding")
      }
      guard Self.names.contains(name) else {
        throw Self.bad(
          "unknown query parameter '\(Self.quoted(name))'; known: "
            + Self.names.joined(separator: ", "))
      }
      guard seen.insert(name).inserted else { throw Self.bad("\(name) is given twice") }
      guard let value = pair.value else { throw Self.bad("\(name): not valid percent-encoding") }
      // An empty value means "any", as an empty field of the list's form does.
      guard !value.isEmpty else { continue }
      guard value.unicodeScalars.count <= RecordParameters.maximumLength,
        !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
      else {
        throw Self.bad(
          "\(name): longer than \(RecordParameters.maximumLength) characters or holds control characters"
        )
      }
      try Self.apply(name: name, value: value, to: &query, limit: &limit, today: today)
    }
    self.query = query
  }

  /// `/api/statements/{id}` takes no parameter at all.
  static func refuseAny(_ rawQuery: String?) throws(HTTPError) {
    guard let rawQuery, !rawQuery.isEmpty else { return }
    throw bad("/api/statements/{id} takes no query parameters")
  }

  private static func apply(
    name: String, value: String, to query: inout StatementQuery, limit: inout Int?, today: String
  ) throws(HTTPError) {
    switch name {
    case "q": query.text = value
    case "from": query.from = value
    case "to": query.to = value
    case "purpose":
      query.purpose = Purpose(
        rawValue: try oneOf(name, value, FilterForm.purposes.map(\.0).filter { !$0.isEmpty }))
    case "state":
      query.state = StatementState(
        rawValue: try oneOf(name, value, FilterForm.states.map(\.0).filter { !$0.isEmpty }))
    case "kind":
      query.kind = MessageKind(
        rawValue: try oneOf(name, value, MessageKind.allCases.map(\.rawValue)))
    case "direction":
      query.direction = Direction(
        rawValue: try oneOf(name, value, Direction.allCases.map(\.rawValue)))
    case "deadline":
      if try oneOf(name, value, ["passed", "upcoming"]) == "passed" {
        query.deadlineBefore = today
      } else {
        query.deadlineOnOrAfter = today
      }
    case "received_from":
      guard CalendarDay.isValid(value) else { throw bad("received_from: expected YYYY-MM-DD") }
      query.receivedOnOrAfter = value
    case "received_to":
      // Inclusive, as on the list page; the query's bound is not.
      guard CalendarDay.isValid(value), let next = CalendarDay.adding(days: 1, to: value) else {
        throw bad("received_to: expected YYYY-MM-DD")
      }
      query.receivedBefore = next
    case "limit":
      guard let n = Int(value), (1...maximumLimit).contains(n) else {
        throw bad("limit: expected a whole number from 1 to \(maximumLimit)")
      }
      limit = n
      query.limit = n
    case "offset":
      guard let n = Int(value), (0...maximumOffset).contains(n) else {
        throw bad("offset: expected a whole number from 0 to \(maximumOffset)")
      }
      query.offset = n
    default:
      throw bad("unknown query parameter '\(quoted(name))'")
    }
  }

  private static func oneOf(_ name: String, _ value: String, _ allowed: [String]) throws(HTTPError)
    -> String
  {
    guard allowed.contains(value) else {
      throw bad(
        "\(name): '\(quoted(value))' is not one of " + allowed.joined(separator: ", "))
    }
    return value
  }

  private static func quoted(_ text: String) -> String {
    text.count > quotedLength ? String(text.prefix(quotedLength)) + "…" : text
  }

  private static func bad(_ message: String) -> HTTPError {
    HTTPError(.badRequest, message: message)
  }
}
