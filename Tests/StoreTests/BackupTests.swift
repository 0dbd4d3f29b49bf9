import Foundation
import Liaison
import MIME
import Synchronization
import Testing

@testable import Store

@Suite("Backups: online copy, restore, verify")
struct BackupTests {
  final class Counter: Sendable {
    let value = Mutex(0)
  }

  static func record(_ store: LiaisonStore, _ uid: UInt32) throws -> (id: String, sha256: String) {
    let statement = StoreFixtures.simple(
      messageID: "backup-\(uid)@example.org", title: "LS number \(uid)")
    let attachment = StoreFixtures.attachment(
      "Liaison statement \(uid): the text of its document.", filename: "LS-\(uid).txt")
    let raw = StoreFixtures.raw(
      messageID: "backup-\(uid)@example.org", subject: "LS number \(uid)", body: "Body \(uid)")
    let outcome = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(statement, attachments: [attachment]),
      origin: StoreFixtures.imap(uid), receivedAt: StoreFixtures.date("2026-11-23T12:00:00Z"))
    return (outcome.id, attachment.info.sha256)
  }

  static func temporaryPath() -> String {
    (NSTemporaryDirectory() as NSString).appendingPathComponent(
      "liaisond-backup-test-\(UUID().uuidString)")
  }

  @Test(
    "a backup taken while mail is recorded restores every earlier statement; verify names a damaged file"
  )
  func backupWhileRecordingRestoreAndVerify() async throws {
    let store = try LiaisonStore.temporary()
    var before: [(id: String, sha256: String)] = []
    for uid in UInt32(1)...30 { before.append(try Self.record(store, uid)) }

    let recorded = Counter()
    let writer = Task.detached {
      for uid in UInt32(31)...230 {
        _ = try Self.record(store, uid)
        recorded.value.withLock { $0 += 1 }
      }
    }
    // Start the backup only once the writer is under way, so that the two overlap.
    while recorded.value.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
    let destination = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: destination) }
    let summary = try store.backup(to: destination)
    try await writer.value
    #expect(summary.statements >= 31 && summary.statements <= 230, "\(summary)")
    #expect(summary.attachments == summary.statements)

    let verification = try StoreBackup.verify(directory: destination)
    #expect(verification.problems.isEmpty, "\(verification.problems)")
    #expect(verification.statements == summary.statements)

    // Restoring is copying the backup into a fresh store directory.
    let restoredPath = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: restoredPath) }
    try FileManager.default.copyItem(atPath: destination, toPath: restoredPath)
    let restored = try LiaisonStore(directory: restoredPath)
    for (id, sha256) in before {
      #expect(try restored.statement(id: id)?.statement.title != nil, "\(id) is missing")
      #expect(try restored.attachment(sha256: sha256) != nil, "\(id)'s attachment")
    }
    #expect(try restored.list(StatementFilter(limit: 1)).total == summary.statements)

    // One damaged file and one missing file: verify names both, and only them.
    let damaged = try #require(
      AttachmentFiles(root: destination + "/attachments").path(for: before[3].sha256))
    try Data("not the statement".utf8).write(to: URL(fileURLWithPath: damaged))
    let missing = try #require(
      AttachmentFiles(root: destination + "/attachments").path(for: before[7].sha256))
    try FileManager.default.removeItem(atPath: missing)
    let broken = try StoreBackup.verify(directory: destination)
    #expect(
      broken.problems.sorted()
        == [
          "\(damaged): damaged (its bytes no longer hash to its name)",
          "\(missing): missing (the record refers to it)",
        ].sorted())
  }

  @Test("a backup goes only into an absent or empty directory")
  func refusesANonEmptyDestination() throws {
    let store = try LiaisonStore.temporary()
    _ = try Self.record(store, 1)
    let destination = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: destination) }
    try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: destination + "/old-file"))
    #expect(throws: StoreError.self) { try store.backup(to: destination) }
  }
}
