import ArgumentParser
import Daemon
import Datatracker
import Foundation
import Routing
import Store

/// `liaisond export --json`: the public record as a JSON array, in id order; `--all` adds
/// the private records (drafts, commands, automatic mail, bounces, non-liaison mail) for
/// an operator. `--datatracker`: the public statements in the datatracker's shape.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Print the public record as a JSON array (docs/contract.md, \"export\").",
    discussion: """
      Each element is the `extract --json` object plus id, received_at, state, events, \
      responses and answers; sorted by id, keys sorted. JSON is the only format. Only \
      liaison statements are public; --all also prints the private records (drafts and \
      commands, automatic replies, bounces, mail that is not a liaison statement, \
      quarantined mail), which are numbered MSG-YYYY-NNNN. --datatracker prints the public \
      liaison statements as one page of the datatracker's liaisons/liaisonstatement \
      resource (its field names, purpose and state slugs, group URIs from an imported \
      registry), for the secretariat to post or to compare the two records.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "JSON output (the only format; accepted for the contract's spelling).")
  var json = false

  @Flag(help: "Every record, private ones too (for operators; never publish this output).")
  var all = false

  @Flag(help: "The public statements in the datatracker's liaisonstatement shape.")
  var datatracker = false

  func validate() throws {
    if all && datatracker {
      throw ValidationError("--datatracker exports the public record only; drop --all")
    }
  }

  func run() async throws {
    try await reportingFailures("export") {
      let configuration = try await storeOptions.configuration(command: "export")
      let store = try storeOptions.openExisting(command: "export", configuration: configuration)
      guard datatracker else {
        try writeJSON(try store.export(scope: all ? .everything : .publicRecord))
        return
      }
      let registry: GroupRegistry
      do {
        registry = try configuration.loadRegistry()
      } catch {
        throw CommandFailure(command: "export", message: "\(error)", code: SysExit.config)
      }
      let export = DatatrackerExport(
        records: try store.export(scope: .publicRecord),
        aliases: try store.aliases(source: LiaisonStore.datatrackerSource), registry: registry)
      FileHandle.standardOutput.write(Data(try export.json().utf8))
    }
  }
}
