import GRDB
import Liaison

/// The SQL of a `list`: every user value is a bound argument, and text search goes through
/// `FTSQuery`, so no filter can change the statement's shape.
struct StatementQueryBuilder {
  var countSQL: String
  var pageSQL: String
  var arguments: StatementArguments
  var pageArguments: StatementArguments

  init(_ filter: StatementFilter) throws(StoreError) {
    guard (1...StatementFilter.maximumLimit).contains(filter.limit) else {
      throw .invalidArgument(
        name: "limit", value: String(filter.limit),
        reason: "must be between 1 and \(StatementFilter.maximumLimit)")
    }
    guard filter.offset >= 0 else {
      throw .invalidArgument(
        name: "offset", value: String(filter.offset), reason: "must not be negative")
    }
    var clauses: [String] = []
    var values: [(any DatabaseValueConvertible)?] = []
    var join = ""
    var order = "statement.received_at DESC, statement.number DESC"

    if let scope = filter.scope.condition {
      clauses.append(scope.sql)
      values += scope.arguments.map { $0 as (any DatabaseValueConvertible)? }
    }
    if let text = filter.text, let pattern = FTSQuery.pattern(text) {
      join = "JOIN statement_fts ON statement_fts.rowid = statement.number"
      clauses.append("statement_fts MATCH ?")
      values.append(pattern)
      order = "bm25(statement_fts), " + order
    }
    if let from = Self.nonEmpty(filter.from) {
      clauses.append(
        """
        (EXISTS (SELECT 1 FROM json_each(statement.from_bodies) WHERE instr(lower(value), lower(?)) > 0)
         OR EXISTS (SELECT 1 FROM json_each(statement.from_contacts) WHERE instr(lower(value), lower(?)) > 0))
        """)
      values += [from, from]
    }
    if let to = Self.nonEmpty(filter.to) {
      clauses.append(
        """
        (EXISTS (SELECT 1 FROM json_each(statement.route_groups) WHERE lower(value) = lower(?))
         OR EXISTS (SELECT 1 FROM json_each(statement.to_bodies) WHERE instr(lower(value), lower(?)) > 0))
        """)
      values += [to, to]
    }
    if let purpose = filter.purpose {
      clauses.append("statement.purpose = ?")
      values.append(purpose.rawValue)
    }
    if let state = filter.state {
      clauses.append("statement.state = ?")
      values.append(state.rawValue)
    }
    if let kind = filter.kind {
      clauses.append("statement.kind = ?")
      values.append(kind.rawValue)
    }
    if let direction = filter.direction {
      clauses.append("statement.direction = ?")
      values.append(direction.rawValue)
    }
    if let day = filter.deadlineBefore {
      guard CalendarDay.isValid(day) else {
        throw .invalidArgument(name: "deadline-before", value: day, reason: "expected YYYY-MM-DD")
      }
      clauses.append("statement.deadline < ?")
      values.append(day)
    }
    if let day = filter.deadlineAfter {
      guard CalendarDay.isValid(day) else {
        throw .invalidArgument(name: "deadline-after", value: day, reason: "expected YYYY-MM-DD")
      }
      clauses.append("statement.deadline >= ?")
      values.append(day)
    }
    if let date = filter.receivedAfter {
      clauses.append("statement.received_at >= ?")
      values.append(ISOTime.string(date))
    }
    if let date = filter.receivedBefore {
      clauses.append("statement.received_at < ?")
      values.append(ISOTime.string(date))
    }

    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    countSQL = "SELECT COUNT(*) FROM statement \(join) \(whereSQL)"
    pageSQL =
      "SELECT statement.* FROM statement \(join) \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?"
    arguments = StatementArguments(values)
    pageArguments = StatementArguments(values + [filter.limit, filter.offset])
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
    return String(Substring(text).trimmingBlanks)
  }
}
