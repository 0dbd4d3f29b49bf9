/// Everything that can go wrong with the record, phrased so that an operator can act on it:
/// each case names the file, directory or statement involved.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The store directory (or one below it) could not be created or is not usable.
  case directoryUnusable(path: String, reason: String)
  /// SQLite refused to open the database file.
  case cannotOpen(path: String, reason: String)
  /// A schema migration failed; the database was left at its previous version.
  case migrationFailed(path: String, reason: String)
  /// A query or transaction failed.
  case database(path: String, operation: String, reason: String)
  /// Another process holds the store lock.
  case locked(lockFile: String, pid: Int32?)
  /// The lock file could not be created or locked for another reason than contention.
  case lockFailed(lockFile: String, reason: String)
  /// No statement has this id.
  case unknownStatement(id: String)
  /// No outbox entry has this id.
  case unknownOutboxItem(id: Int64)
  /// A stored list that is not the JSON list of strings liaisond writes.
  case corruptRow(table: String, column: String)
  /// A content address that is not 64 lower-case hex digits (never used as a path).
  case invalidDigest(String)
  /// A filter or argument that cannot be used (a malformed date, a negative limit).
  case invalidArgument(name: String, value: String, reason: String)
  /// The store cannot be written at all (disk full, read-only, I/O error): nothing of the
  /// operation was kept, and no message can be recorded until it is fixed.
  case unwritable(path: String, operation: String, reason: String)
  /// An attachment file could not be written.
  case attachmentWrite(path: String, reason: String)
  /// An attachment file exists but could not be read.
  case attachmentRead(path: String, reason: String)
  /// An attachment file's bytes no longer hash to its name.
  case attachmentCorrupted(path: String)

  public var description: String {
    switch self {
    case .directoryUnusable(let path, let reason):
      return "store directory \(path) is not usable: \(reason); create it or fix store.path"
    case .cannotOpen(let path, let reason):
      return
        "cannot open the record database \(path): \(reason); check store.path and its permissions"
    case .migrationFailed(let path, let reason):
      return "cannot upgrade the record database \(path): \(reason); it was left unchanged"
    case .database(let path, let operation, let reason):
      return "record database \(path): \(operation) failed: \(reason)"
    case .locked(let lockFile, let pid):
      let holder = pid.map { "process \($0)" } ?? "another process"
      return
        "store is in use: \(holder) holds the lock \(lockFile); stop that liaisond or use another store.path"
    case .lockFailed(let lockFile, let reason):
      return "cannot lock \(lockFile): \(reason)"
    case .unknownStatement(let id):
      return "no statement \(id) in the record; `liaisond list` shows the ids"
    case .corruptRow(let table, let column):
      return
        "a row of table \(table) holds in column \(column) what is not a JSON list of strings; "
        + "the database was changed outside liaisond: restore it from a backup (liaisond backup)"
    case .unknownOutboxItem(let id):
      return "no outbox entry \(id)"
    case .invalidDigest(let value):
      return
        "\(String(value.prefix(80)).debugDescription) is not a SHA-256 content address (64 lower-case hex digits)"
    case .invalidArgument(let name, let value, let reason):
      return "\(name) \(String(value.prefix(80)).debugDescription): \(reason)"
    case .unwritable(let path, let operation, let reason):
      return
        "the record at \(path) cannot be written (\(operation): \(reason)); free space or fix "
        + "the file system under store.path: intake resumes by itself"
    case .attachmentWrite(let path, let reason):
      return
        "cannot write attachment file \(path): \(reason); check free space and permissions of store.path"
    case .attachmentRead(let path, let reason):
      return "cannot read attachment file \(path): \(reason)"
    case .attachmentCorrupted(let path):
      return "attachment file \(path) no longer matches its SHA-256 name: restore it from a backup"
    }
  }

  /// Whether no write can succeed now, whatever the message: intake must stop, not skip.
  public var isUnwritable: Bool {
    if case .unwritable = self { return true }
    return false
  }
}
