import ArgumentParser
import Foundation
import Store

/// `liaisond export --json`: the whole record as a JSON array, in id order.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Print every statement as a JSON array (SPEC.md \"export --json\").",
    discussion: """
      Each element is the `extract --json` object plus id, received_at, state, events, \
      responses and answers; sorted by id, keys sorted. JSON is the only format.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "JSON output (the only format; accepted for the SPEC's spelling).")
  var json = false

  func run() async throws {
    try await reportingFailures("export") {
      let store = try await storeOptions.openExisting(command: "export")
      try writeJSON(try store.export())
    }
  }
}
