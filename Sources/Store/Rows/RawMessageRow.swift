import Foundation
import GRDB

/// A row of `raw_message`: the mail exactly as it arrived, one per statement.
///
/// A BLOB rather than a file so that the bytes commit in the same transaction as the
/// statement and the IMAP position that produced them.
struct RawMessageRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "raw_message"

  var statementID: String
  var sha256: String
  var size: Int
  var data: Data

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case statementID = "statement_id"
    case sha256, size, data
  }
}
