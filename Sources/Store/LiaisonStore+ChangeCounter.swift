import GRDB

/// The record's change counter: a number every committed write of the store raises, in the
/// same transaction, so that a reader can tell "nothing changed since" with one lookup
/// (the web record keys its cache of rendered pages by it).
///
/// A row rather than SQLite's `PRAGMA data_version`: that value is per connection and
/// never sees the connection's own commits, so a pool (one writer, several readers) has
/// no single number to compare. The row is written by whichever process writes (the
/// daemon, `liaisond serve`'s neighbours, a CLI command), read by any, and survives
/// restarts. It only ever grows, except when a backup is copied back: what keys a cache
/// by it must also know what it served (the web's ETags are hashes of the bytes).
extension LiaisonStore {
  /// Raises the counter inside the write transaction `db`.
  static func countChange(_ db: Database) throws {
    try db.cachedStatement(sql: "UPDATE change_counter SET changes = changes + 1").execute()
  }

  /// How many writes the record has committed.
  public func changeCount() throws(StoreError) -> Int64 {
    do {
      // One SELECT of one row is atomic by itself: no transaction around it (half the
      // cost of `read`; the web reads it after each write and every 250 ms under load).
      return try pool.unsafeRead { db in
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT changes FROM change_counter")) ?? 0
      }
    } catch {
      throw .database(
        path: databasePath, operation: "read the change counter", reason: Self.reason(error))
    }
  }

  /// Calls `action` after each commit through this store that raised the counter (every
  /// write), on the committing thread: it must be quick. Writes through another store on
  /// the same directory (another process) are not seen here; a reader notices them by
  /// reading `changeCount()` again. The action is kept as long as the store: register once
  /// per reader (the web registers once per site it builds).
  public func onCommittedChange(_ action: @escaping @Sendable () -> Void) {
    pool.add(
      transactionObserver: CommittedChangeObserver(action: action), extent: .databaseLifetime)
  }

  /// The counter's table, created by the schema step `v13-change-counter`.
  static let changeCounterSchema = """
    CREATE TABLE change_counter (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      changes INTEGER NOT NULL
    );
    INSERT INTO change_counter (id, changes) VALUES (1, 0);
    """
}

/// Told of the transactions that raise the counter, and only of them.
private final class CommittedChangeObserver: TransactionObserver {
  let action: @Sendable () -> Void

  init(action: @escaping @Sendable () -> Void) {
    self.action = action
  }

  func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
    eventKind.tableName == "change_counter"
  }

  func databaseDidChange(with event: DatabaseEvent) {}

  func databaseDidCommit(_ db: Database) {
    action()
  }

  func databaseDidRollback(_ db: Database) {}
}
