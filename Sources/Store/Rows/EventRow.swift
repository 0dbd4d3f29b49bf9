import GRDB
import Liaison

/// A row of `event`: one entry of a statement's history. Triggers refuse UPDATE and DELETE.
struct EventRow: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "event"

  var id: Int64?
  var statementID: String
  var at: String
  var kind: String
  var detail: String

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id
    case statementID = "statement_id"
    case at, kind, detail
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  var event: StatementEvent {
    StatementEvent(at: at, kind: EventKind(rawValue: kind), detail: detail)
  }
}
