import Foundation
import GRDB
import Liaison
import Logging

/// The durable record of liaisond: statements, their raw mail, attachments, history,
/// IMAP progress and the outbox, in one SQLite database (WAL) beside a directory of
/// content-addressed attachment files.
///
/// Open it once per process and share it: the GRDB `DatabasePool` inside serialises writes
/// and lets reads run concurrently. Every method is synchronous and short; each mutation is
/// one transaction, or part of the one `inOneTransaction` opened around it (intake: one
/// commit per message). `StoreLock` keeps a second daemon away from the same directory.
public final class LiaisonStore: Sendable {
  public static let databaseFileName = "liaisond.sqlite"
  public static let attachmentsDirectoryName = "attachments"

  public let directory: String
  public let databasePath: String
  let pool: DatabasePool
  let files: AttachmentFiles
  let logger: Logger
  /// What the public record and the search index never show: every command address, the
  /// forms liaisond hands out on any address and any plus-address of the gateway's own.
  let commandAddresses: CommandAddresses
  private let removesDirectoryOnDeinit: Bool

  /// Opens (creating when missing) the record in `directory` and brings its schema up to date.
  /// `gatewayAddresses` (the gateway's own, where the configuration is known) widen what the
  /// public record cuts to any plus-address of them.
  public convenience init(
    directory: String, logger: Logger = Logger(label: "liaisond.store"),
    gatewayAddresses: [String] = []
  ) throws(StoreError) {
    try self.init(
      directory: directory, logger: logger, removesDirectoryOnDeinit: false,
      gatewayAddresses: gatewayAddresses)
  }

  private init(
    directory: String, logger: Logger, removesDirectoryOnDeinit: Bool,
    gatewayAddresses: [String] = []
  ) throws(StoreError) {
    let databasePath = (directory as NSString).appendingPathComponent(Self.databaseFileName)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .directoryUnusable(path: directory, reason: error.localizedDescription)
    }
    let files = AttachmentFiles(
      root: (directory as NSString).appendingPathComponent(Self.attachmentsDirectoryName))
    try files.prepare()

    var configuration = Configuration()
    // A daemon and a CLI reader may overlap; wait for a writer rather than fail at once.
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      // FULL: a commit is on disk before the mail leaves the INBOX (NORMAL could lose
      // the last transactions on power loss in WAL mode).
      try db.execute(sql: "PRAGMA synchronous = FULL")
      // A savepoint inside a transaction (`inOneTransaction`) keeps what it may roll back
      // in a statement journal: in memory, not in a temporary file written for every one.
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      // A checkpoint copies the newest copy of every page the log holds into the database
      // file, on the committing thread. Intake rewrites the same pages (indexes, search
      // index) in every commit: checkpointing every 32 MiB instead of SQLite's 4 MiB copies
      // each of them once where it copied it eight times (BENCHMARKS.md).
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
    }
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: databasePath, configuration: configuration)
      // GRDB sets NORMAL on the writer when it turns the WAL on, after prepareDatabase;
      // the writer is one long-lived connection, so FULL set here holds for every commit.
      try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    } catch {
      throw .cannotOpen(path: databasePath, reason: Self.reason(error))
    }
    do {
      let migrator = StoreSchema.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw StoreError.migrationFailed(
          path: databasePath,
          reason: "it was written by a newer liaisond (unknown schema version); upgrade liaisond")
      }
      try migrator.migrate(pool)
    } catch let error as StoreError {
      throw error
    } catch {
      throw .migrationFailed(path: databasePath, reason: Self.reason(error))
    }
    self.directory = directory
    self.databasePath = databasePath
    self.pool = pool
    self.files = files
    self.logger = logger
    self.commandAddresses = CommandAddresses(gateways: gatewayAddresses)
    self.removesDirectoryOnDeinit = removesDirectoryOnDeinit
  }

  deinit {
    if removesDirectoryOnDeinit {
      try? FileManager.default.removeItem(atPath: directory)
    }
  }

  /// A fresh store in a new temporary directory, removed when the store is released (tests).
  public static func temporary(gatewayAddresses: [String] = []) throws -> LiaisonStore {
    let directory = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("liaisond-store-\(UUID().uuidString)")
    var logger = Logger(label: "liaisond.store.temporary")
    logger.logLevel = .warning
    return try LiaisonStore(
      directory: directory, logger: logger, removesDirectoryOnDeinit: true,
      gatewayAddresses: gatewayAddresses)
  }

  // MARK: Transactions with the module's error type

  /// Whether this task's reads go through the writer connection (`readingOnTheWriter`).
  @TaskLocal static var readsOnTheWriter = false

  /// Runs `work` with its reads of the store on the writer connection rather than a pooled
  /// reader. For work that alternates reads and writes, such as intake: every commit makes
  /// a reader drop its page cache and read the pages again from the file (`pread`, about a
  /// tenth of a backlog's CPU, BENCHMARKS.md), while the writer's cache stays warm across
  /// its own commits. Readers that only read (the web, the CLI) keep the pool.
  public static func readingOnTheWriter<T: Sendable>(_ work: () async -> T) async -> T {
    await $readsOnTheWriter.withValue(true) { await work() }
  }

  /// The transaction this task's store calls join, set by `inOneTransaction`.
  @TaskLocal static var joined: JoinedTransaction?

  /// Runs `work` with every read and write it makes of this store in one transaction,
  /// committed when it returns and rolled back, whole, when it throws (its error is
  /// returned). Each write inside still succeeds or fails alone (a savepoint), as it would
  /// on its own. For intake: one commit per message instead of one per step (the record,
  /// the outbox, the route, the events, the attempt mark): each commit writes every page it
  /// touched to the WAL again, which made commits most of a backlog's writes (BENCHMARKS.md).
  /// Work already inside a transaction of this store joins it.
  public func inOneTransaction<T, E: Error>(
    _ operation: String, _ work: () throws(E) -> T
  ) throws(StoreError) -> Result<T, E> {
    if joinedDatabase != nil { return Result(catching: work) }
    var outcome: Result<T, E>?
    do {
      try pool.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          let joined = JoinedTransaction(db: db, store: ObjectIdentifier(self))
          defer { joined.isOpen = false }
          let result = Self.$joined.withValue(joined) { Result(catching: work) }
          outcome = result
          guard case .success = result else { return .rollback }
          try Self.countChange(db)
          return .commit
        }
      }
    } catch {
      throw writeFailure(error, operation)
    }
    guard let outcome else {
      throw .database(path: databasePath, operation: operation, reason: "the work did not run")
    }
    return outcome
  }

  /// Whether this task's calls join an open `inOneTransaction`: what they write is not
  /// committed until that returns, and may yet be rolled back with it.
  var joinsATransaction: Bool { joinedDatabase != nil }

  /// The open transaction of `inOneTransaction` on this store, when this task is inside one.
  private var joinedDatabase: Database? {
    guard let joined = Self.joined, joined.isOpen, joined.store == ObjectIdentifier(self) else {
      return nil
    }
    return joined.db
  }

  func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      if let db = joinedDatabase { return try body(db) }
      if Self.readsOnTheWriter {
        // One transaction, so that its reads see one state of the record, as a pooled read does.
        return try pool.writeWithoutTransaction { db in
          try committed(operation, db, savepoint: false, body)
        }
      }
      return try pool.read(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw .database(path: databasePath, operation: operation, reason: Self.reason(error))
    }
  }

  func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      if let db = joinedDatabase {
        return try committed(operation, db, savepoint: true, body)
      }
      return try pool.write { db in
        let result = try body(db)
        try Self.countChange(db)
        return result
      }
    } catch {
      throw writeFailure(error, operation)
    }
  }

  /// What `body` returns, run in a savepoint of the open transaction or in a deferred
  /// transaction of its own (GRDB's closures for both answer a completion, not a value).
  private func committed<T>(
    _ operation: String, _ db: Database, savepoint: Bool, _ body: (Database) throws -> T
  ) throws -> T {
    var result: T?
    if savepoint {
      try db.inSavepoint {
        result = try body(db)
        return .commit
      }
    } else {
      try db.inTransaction(.deferred) {
        result = try body(db)
        return .commit
      }
    }
    guard let result else {
      throw StoreError.database(
        path: databasePath, operation: operation, reason: "the work returned nothing")
    }
    return result
  }

  /// A write's failure as the store reports it: `unwritable` when SQLite says the database
  /// cannot take it now (disk full, read-only, I/O), else what it is.
  func writeFailure(_ error: any Error, _ operation: String) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError, Self.unwritableCodes.contains(error.resultCode) {
      return .unwritable(path: databasePath, operation: operation, reason: Self.reason(error))
    }
    return .database(path: databasePath, operation: operation, reason: Self.reason(error))
  }

  /// The SQLite results that say the database cannot be written now, whatever was written.
  static let unwritableCodes: [ResultCode] = [
    .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN,
  ]

  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "\(error.resultCode)"
    }
    return "\(error)"
  }

  // MARK: Meta

  public func meta(_ key: String) throws(StoreError) -> String? {
    try read("read meta \(key)") { db in try MetaRow.fetchOne(db, key: key)?.value }
  }

  public func setMeta(_ key: String, _ value: String) throws(StoreError) {
    try write("write meta \(key)") { db in
      try db.execute(
        sql: """
          INSERT INTO meta (key, value) VALUES (?, ?)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value
          """, arguments: [key, value])
    }
  }

  // MARK: Shared checks

  /// The statement row for `id`, or `unknownStatement`.
  static func existing(_ db: Database, _ id: String) throws -> StatementRow {
    let id = try resolve(db, id)
    guard let row = try statementRow(db, id: id) else {
      throw StoreError.unknownStatement(id: id)
    }
    return row
  }

  /// The id statement `id` (an id or an alias) has, checked as `existing` checks it, for
  /// writes that need no more of the row than that it is there: `existing` decodes the
  /// whole row (its JSON lists), for every event added.
  static func existingID(_ db: Database, _ id: String) throws -> String {
    let id = try resolve(db, id)
    let found = try Int.fetchOne(
      db.cachedStatement(sql: "SELECT 1 FROM statement WHERE id = ?"), arguments: [id])
    guard found != nil else { throw StoreError.unknownStatement(id: id) }
    return id
  }

  /// The row of statement `id` (an id, not an alias). Read several times for every message
  /// the process handles: a statement compiled once per connection (the query interface
  /// compiles, and authorizes, on every call).
  static func statementRow(_ db: Database, id: String) throws -> StatementRow? {
    try StatementRow.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM statement WHERE id = ?"), arguments: [id])
  }

  static func appendEvent(
    _ db: Database, id: String, kind: EventKind, detail: String, at date: Date
  ) throws {
    var event = EventRow(
      id: nil, statementID: id, at: ISOTime.string(date), kind: kind.rawValue, detail: detail)
    try event.insert(db)
  }
}

/// An open transaction of `LiaisonStore.inOneTransaction`, for the calls made inside it.
/// Only ever used on the thread that runs the transaction, while it runs: `isOpen` turns
/// false when it ends, so that a task started inside it and running later cannot reach it.
final class JoinedTransaction: @unchecked Sendable {
  let db: Database
  let store: ObjectIdentifier
  var isOpen = true

  init(db: Database, store: ObjectIdentifier) {
    self.db = db
    self.store = store
  }
}
