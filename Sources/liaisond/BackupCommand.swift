import ArgumentParser
import Foundation
import Store

/// `liaisond backup DEST`: a consistent copy of the record while the daemon runs.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract:
      "Copy the record (database and attachments) into a new directory, while liaisond runs.",
    discussion: """
      DEST must be absent or empty. The database is copied with SQLite's online backup, a \
      consistent snapshot taken while the daemon keeps recording; then every attachment the \
      copy refers to is copied, each checked against its SHA-256. Check the copy with \
      `liaisond verify DEST`; restoring is copying DEST back into an empty store directory \
      (docs/contract.md, "Backups").
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "The directory to write the copy to (absent or empty).")
  var destination: String

  func run() async throws {
    try await reportingFailures("backup") {
      let store = try await storeOptions.openExisting(command: "backup")
      let summary: StoreBackup.Summary
      do throws(StoreError) {
        summary = try store.backup(to: destination)
      } catch {
        var failure = CommandFailure(command: "backup", storeError: error)
        if case .directoryUnusable = error { failure.code = SysExit.usage }
        throw failure
      }
      print(
        "\(destination): \(summary.statements) records, \(summary.attachments) attachments "
          + "(\(summary.attachmentBytes) bytes) from \(store.directory)")
    }
  }
}
