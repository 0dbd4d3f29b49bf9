import ArgumentParser
import Daemon
import Datatracker
import Foundation
import Liaison
import PDFText
import Store

/// `liaisond history import --datatracker SOURCE`: the datatracker's past liaison
/// statements, kept as read-only history.
struct HistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Import the datatracker's past liaison statements as read-only history.",
    subcommands: [HistoryImportCommand.self]
  )
}

/// `liaisond history import --datatracker SOURCE [--documents URL|DIR]`.
struct HistoryImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Record the datatracker's published liaison statements as read-only history.",
    discussion: """
      Reads liaisons/liaisonstatement and what it links (submission events, attachments and \
      their documents, related statements, groups) from the datatracker's API or a directory \
      of saved pages (<resource>/<offset>.json), fetches the attachments (from --documents: \
      by default the datatracker's document store for a URL, <DIR>/documents/LIAISON for a \
      directory) within the limits mail has, and records each published statement with its \
      datatracker id as an alias. Sends no mail of any kind. A second import of the same \
      statements changes nothing; a statement already recorded by mail gets the alias \
      instead of a second record. Prints one line per statement.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Option(
    name: .long,
    help: "The datatracker: an https:// base URL, or a directory of saved API pages.")
  var datatracker: String

  @Option(
    name: .long,
    help: "Where attachment files are: an https:// URL of the document store, or a directory.")
  var documents: String?

  @Option(name: .customLong("ca-file"), help: "A CA bundle to trust beside the system's.")
  var caFile: String?

  func run() async throws {
    try await reportingFailures("history import") {
      let configuration = try await storeOptions.configuration(command: "history import")
      let store = try storeOptions.openForWriting(
        command: "history import", configuration: configuration)
      let limits = configuration.extractorOptions
      let result = try await RegistrySourceOptions.failing("history import") {
        () async throws(DatatrackerError) -> HistoryImporter.Result in
        let importer = HistoryImporter(
          pages: try datatrackerPages(datatracker, caFile: caFile),
          documents: try datatrackerDocuments(
            source: datatracker, base: documents, caFile: caFile),
          options: .init(
            maxAttachmentBytes: limits.maxAttachmentBytes,
            maxAttachments: limits.maxAttachmentsRead),
          readers: .withPDFTextReader(), readerOptions: limits)
        return try await importer.importHistory()
      }
      let outcomes = try store.importHistory(result.statements)
      var counts = (imported: 0, matched: 0, unchanged: 0)
      for outcome in outcomes {
        switch outcome {
        case .imported(let alias, let id):
          counts.imported += 1
          print("imported \(id) datatracker liaison \(alias)")
        case .matched(let alias, let id):
          counts.matched += 1
          print("matched \(id) datatracker liaison \(alias) (recorded by mail before)")
        case .unchanged(let alias, let id):
          counts.unchanged += 1
          print("unchanged \(id) datatracker liaison \(alias)")
        }
      }
      for line in result.leftOut { print("left out \(line)") }
      print(
        "\(counts.imported) imported, \(counts.matched) matched, \(counts.unchanged) unchanged, "
          + "\(result.leftOut.count) left out; no mail was sent")
    }
  }
}
