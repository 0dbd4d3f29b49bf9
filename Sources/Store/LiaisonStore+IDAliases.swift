import Foundation
import GRDB
import Liaison

/// A record that changes series keeps its old id as an alias: a mail reclassified as a
/// statement leaves the private `MSG-` series for the public `LS-` one (a statement on
/// the public record carries an LS id), and the `MSG-` id that the IAB, the log and older
/// mail named still finds it.
extension LiaisonStore {
  /// The id `id` stands for now: itself, or the record an old alias names.
  public func currentID(of id: String) throws(StoreError) -> String {
    try read("resolve \(id)") { db in try Self.resolve(db, id) }
  }

  static func resolve(_ db: Database, _ id: String) throws -> String {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM record_id_alias WHERE alias = ?"), arguments: [id])
      ?? id
  }

  /// Gives record `old` the next id of `series` (in its received year) and keeps `old` as
  /// its alias; returns the new id. Every column that refers to a statement's id follows,
  /// found from the schema's foreign keys, so that a table added later follows too.
  static func renumber(_ db: Database, _ old: String, into series: StatementID.Series) throws
    -> String
  {
    var row = try existing(db, old)
    let (id, sequence) = try nextID(db, series: series, year: row.year)
    // An alias that named `old` names the new id now; `old` becomes one. The alias comes
    // first: the history's trigger lets an event follow its record only along one.
    try db.execute(sql: "UPDATE record_id_alias SET id = ? WHERE id = ?", arguments: [id, old])
    try db.execute(
      sql: "INSERT INTO record_id_alias (alias, id) VALUES (?, ?)", arguments: [old, id])
    // The children are moved before their parent, inside this one transaction.
    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    let tables = try String.fetchAll(
      db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for table in tables {
      let keys = try Row.fetchAll(
        db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))")
      for key in keys
      where (key["table"] as String?) == "statement" && (key["to"] as String?) == "id" {
        let column: String = key["from"]
        try db.execute(
          sql:
            "UPDATE \(table.quotedDatabaseIdentifier) SET \(column.quotedDatabaseIdentifier) = ? "
            + "WHERE \(column.quotedDatabaseIdentifier) = ?",
          arguments: [id, old])
      }
    }
    row.id = id
    row.sequence = sequence
    try row.update(db)
    return id
  }
}
