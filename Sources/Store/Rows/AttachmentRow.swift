import GRDB
import Liaison

/// A row of `attachment`: one attachment of one statement; the bytes live in the
/// content-addressed file named by `sha256`.
struct AttachmentRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "attachment"

  var statementID: String
  var position: Int
  var filename: String
  var contentType: String
  var size: Int
  var sha256: String
  /// The document's text layer, also indexed for full-text search.
  var text: String?

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case statementID = "statement_id"
    case position, filename
    case contentType = "content_type"
    case size, sha256, text
  }

  var info: AttachmentInfo {
    AttachmentInfo(filename: filename, contentType: contentType, size: size, sha256: sha256)
  }
}
