import ArgumentParser
import Foundation
import Store

/// `liaisond verify DEST`: is this backup sound?
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check a backup: database integrity, every attachment present with the right hash.",
    discussion: """
      Opens DEST read-only and changes nothing. Prints one line per problem (the file \
      missing or damaged, or what SQLite's integrity check found) and exits 65 when there \
      is one; prints OK and exits 0 when the copy is sound.
      """
  )

  @Argument(help: "A directory written by `liaisond backup` (or a store directory).")
  var destination: String

  func run() async throws {
    try await reportingFailures("verify") {
      let database = (destination as NSString).appendingPathComponent(
        LiaisonStore.databaseFileName)
      guard FileManager.default.fileExists(atPath: database) else {
        throw CommandFailure(
          command: "verify",
          message: "no backup at \(destination) (\(database) does not exist)",
          code: SysExit.dataError)
      }
      let verification: StoreBackup.Verification
      do {
        verification = try StoreBackup.verify(directory: destination)
      } catch {
        throw CommandFailure(command: "verify", message: "\(error)", code: SysExit.dataError)
      }
      for problem in verification.problems {
        FileHandle.standardError.write(Data("liaisond verify: \(problem)\n".utf8))
      }
      guard verification.problems.isEmpty else {
        let count = verification.problems.count
        throw CommandFailure(
          command: "verify",
          message:
            "\(destination): \(count) problem\(count == 1 ? "" : "s"); this copy is not sound",
          code: SysExit.dataError)
      }
      print(
        "\(destination): OK (\(verification.statements) records, "
          + "\(verification.attachments) attachments, integrity check passed)")
    }
  }
}
