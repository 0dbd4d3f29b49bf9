import Foundation
import GRDB
import MIME

/// Backups of the record: SQLite's online backup of the database, then the attachment
/// files the copy refers to. The copy is a store directory of its own (`liaisond.sqlite`
/// and `attachments/`), so restoring is copying it back.
extension LiaisonStore {
  /// Copies the record into `destination`, which must be absent or empty.
  ///
  /// The database is copied in one read transaction: a snapshot taken while the daemon
  /// keeps recording (WAL readers never block the writer). Attachment files are written
  /// before the rows that name them, so every file the snapshot names already exists.
  /// Each is read back through its hash, so a damaged source file stops the backup
  /// naming it instead of being copied silently.
  public func backup(to destination: String) throws(StoreError) -> StoreBackup.Summary {
    try StoreBackup.prepareEmptyDirectory(destination)
    let databaseCopy = (destination as NSString).appendingPathComponent(Self.databaseFileName)
    let digests: [String]
    do {
      let target = try DatabaseQueue(path: databaseCopy)
      try pool.backup(to: target)
      digests = try target.read { db in
        try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM attachment ORDER BY sha256")
      }
      try target.close()
    } catch let error as StoreError {
      throw error
    } catch {
      throw .database(path: databaseCopy, operation: "online backup", reason: Self.reason(error))
    }
    // The copy is a database of its own: no WAL or SHM file must be needed beside it.
    let copyFiles = AttachmentFiles(
      root: (destination as NSString).appendingPathComponent(Self.attachmentsDirectoryName))
    try copyFiles.prepare()
    var bytesCopied = 0
    for digest in digests {
      guard let bytes = try files.read(sha256: digest) else {
        throw .attachmentRead(
          path: files.path(for: digest) ?? digest,
          reason: "the record refers to it but the file is missing")
      }
      try copyFiles.store(bytes, sha256: digest)
      bytesCopied += bytes.count
    }
    try? FileManager.default.removeItem(atPath: copyFiles.temporaryDirectory)
    return StoreBackup.Summary(
      statements: try StoreBackup.count(databaseCopy), attachments: digests.count,
      attachmentBytes: bytesCopied)
  }
}

/// Checks a backup (or any store directory) without changing it.
public enum StoreBackup {
  public struct Summary: Sendable, Equatable {
    /// Records in the copy, private ones included.
    public var statements: Int
    /// Distinct attachment files.
    public var attachments: Int
    public var attachmentBytes: Int
  }

  /// What `verify` found: nothing in `problems` means the copy is sound.
  public struct Verification: Sendable, Equatable {
    public var statements: Int
    public var attachments: Int
    /// One line each, naming the file or the database check that failed.
    public var problems: [String]
  }

  /// Integrity of the database, then every attachment it names: present, and hashing to
  /// its name. Opens the database read-only: verifying never changes a backup.
  public static func verify(directory: String) throws(StoreError) -> Verification {
    let databasePath = (directory as NSString).appendingPathComponent(
      LiaisonStore.databaseFileName)
    guard FileManager.default.fileExists(atPath: databasePath) else {
      throw .cannotOpen(
        path: databasePath, reason: "no backup at \(directory): the file is missing")
    }
    var configuration = Configuration()
    configuration.readonly = true
    var problems: [String] = []
    let digests: [String]
    let statements: Int
    do {
      let database = try DatabaseQueue(path: databasePath, configuration: configuration)
      let integrity = try database.read { db in
        try String.fetchAll(db, sql: "PRAGMA integrity_check")
      }
      if integrity != ["ok"] {
        problems += integrity.prefix(20).map { "\(databasePath): integrity check: \($0)" }
      }
      (digests, statements) = try database.read { db in
        (
          try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM attachment ORDER BY sha256"),
          try Int.fetchOne(db, sql: "SELECT count(*) FROM statement") ?? 0
        )
      }
      try database.close()
    } catch {
      throw .cannotOpen(path: databasePath, reason: LiaisonStore.reason(error))
    }
    let files = AttachmentFiles(
      root: (directory as NSString).appendingPathComponent(LiaisonStore.attachmentsDirectoryName))
    for digest in digests {
      guard let path = files.path(for: digest) else {
        problems.append(
          "\(databasePath): an attachment row names \(digest.prefix(80).debugDescription), not a SHA-256"
        )
        continue
      }
      do throws(StoreError) {
        if try files.read(sha256: digest) == nil {
          problems.append("\(path): missing (the record refers to it)")
        }
      } catch {
        if case .attachmentCorrupted = error {
          problems.append("\(path): damaged (its bytes no longer hash to its name)")
        } else {
          problems.append("\(path): \(error)")
        }
      }
    }
    return Verification(statements: statements, attachments: digests.count, problems: problems)
  }

  static func count(_ databasePath: String) throws(StoreError) -> Int {
    do {
      var configuration = Configuration()
      configuration.readonly = true
      let database = try DatabaseQueue(path: databasePath, configuration: configuration)
      defer { try? database.close() }
      return try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM statement") ?? 0 }
    } catch {
      throw .database(path: databasePath, operation: "count", reason: LiaisonStore.reason(error))
    }
  }

  /// Creates `path`, or accepts it when it is an empty directory: a backup never mixes
  /// with older files.
  static func prepareEmptyDirectory(_ path: String) throws(StoreError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .directoryUnusable(path: path, reason: "it exists and is not a directory")
      }
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      guard entries.isEmpty else {
        throw .directoryUnusable(
          path: path, reason: "it is not empty; back up into a new or empty directory")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .directoryUnusable(path: path, reason: error.localizedDescription)
    }
  }
}
