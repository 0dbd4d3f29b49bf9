import GRDB

/// A row of `field_source`: where one field of one statement came from (`header`, `body`,
/// `attachment:<filename>`, `manual`).
struct FieldSourceRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "field_source"

  var statementID: String
  var field: String
  var source: String

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case statementID = "statement_id"
    case field, source
  }
}
