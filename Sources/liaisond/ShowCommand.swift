import ArgumentParser
import Foundation
import Store

/// `liaisond show ID`: one statement with every field's provenance, its history and files.
struct ShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one statement: every field with its source, attachments, history.",
    discussion: "Exits 65 when no statement has that id."
  )

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "A record id, e.g. LS-2026-0042 (or MSG-2026-0007 for private mail).")
  var id: String

  @Flag(help: "Print the statement record as JSON (the shape of one `export --json` entry).")
  var json = false

  func run() async throws {
    try await reportingFailures("show") {
      guard StatementID.parse(id) != nil else {
        throw CommandFailure(
          command: "show",
          message:
            "\(StatementText.clean(id).debugDescription) is not a record id (LS-YYYY-NNNN, or MSG-YYYY-NNNN for private mail)",
          code: SysExit.dataError)
      }
      let store = try await storeOptions.openExisting(command: "show")
      guard let record = try store.statement(id: id) else {
        throw StoreError.unknownStatement(id: id)
      }
      if json {
        try writeJSON(record)
      } else {
        let origins = try store.origins(id: id)
        print(
          StatementText.detail(
            record, origins: origins, attachmentPath: store.attachmentPath(sha256:)))
      }
    }
  }
}
