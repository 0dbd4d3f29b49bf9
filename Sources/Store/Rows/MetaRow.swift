import GRDB

/// A row of `meta`: small durable settings of the process (last reminder run, ...).
struct MetaRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "meta"

  var key: String
  var value: String
}
