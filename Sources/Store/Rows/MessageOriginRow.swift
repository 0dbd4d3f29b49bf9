import GRDB

/// A row of `message_origin`: one place a statement's message was seen. An IMAP position
/// (mailbox, UIDVALIDITY, UID) is unique, and is committed with the raw message it produced.
struct MessageOriginRow: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "message_origin"

  var id: Int64?
  var statementID: String
  /// `imap` or `file`.
  var kind: String
  var mailbox: String?
  var uidValidity: Int64?
  var uid: Int64?
  var path: String?
  var recordedAt: String

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id
    case statementID = "statement_id"
    case kind, mailbox
    case uidValidity = "uid_validity"
    case uid, path
    case recordedAt = "recorded_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  init(statementID: String, origin: MessageOrigin, recordedAt: String) {
    self.statementID = statementID
    self.recordedAt = recordedAt
    switch origin {
    case .imap(let mailbox, let uidValidity, let uid):
      kind = "imap"
      self.mailbox = mailbox
      self.uidValidity = Int64(uidValidity)
      self.uid = Int64(uid)
      path = nil
    case .file(let path):
      kind = "file"
      mailbox = nil
      uidValidity = nil
      uid = nil
      self.path = path
    }
  }
}
