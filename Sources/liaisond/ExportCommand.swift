import ArgumentParser
import Foundation
import Store

/// `liaisond export --json`: the public record as a JSON array, in id order; `--all` adds
/// the private records (drafts, commands, automatic mail, bounces, non-liaison mail) for
/// an operator.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Print the public record as a JSON array (docs/contract.md, \"export\").",
    discussion: """
      Each element is the `extract --json` object plus id, received_at, state, events, \
      responses and answers; sorted by id, keys sorted. JSON is the only format. Only \
      liaison statements are public; --all also prints the private records (drafts and \
      commands, automatic replies, bounces, mail that is not a liaison statement, \
      quarantined mail), which are numbered MSG-YYYY-NNNN.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "JSON output (the only format; accepted for the contract's spelling).")
  var json = false

  @Flag(help: "Every record, private ones too (for operators; never publish this output).")
  var all = false

  func run() async throws {
    try await reportingFailures("export") {
      let store = try await storeOptions.openExisting(command: "export")
      try writeJSON(try store.export(scope: all ? .everything : .publicRecord))
    }
  }
}
