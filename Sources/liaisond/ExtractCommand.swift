import ArgumentParser
import Daemon
import Foundation
import Liaison
import MIME
import PDFText
import Routing

/// `liaisond extract FILE --json`: the liaison metadata of one message, read-only.
struct ExtractCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print the liaison metadata and routing of one message, without touching any state.",
    discussion: """
      Reads the headers, the text and HTML bodies and the attached statement documents \
      (text, HTML, PDF via pdftotext, DOCX, ZIP). Problems with hostile or unreadable \
      attachments are listed under "defects"; the command still succeeds.
      """
  )

  @OptionGroup var options: ConfigOption

  @Argument(help: "An RFC 5322 message file (.eml).")
  var file: String

  @Flag(name: .long, help: "Print the JSON object of docs/contract.md (pretty, sorted keys).")
  var json = false

  @Option(name: .long, help: "Seconds pdftotext may run per PDF before it is killed.")
  var pdftotextTimeout: Double = PDFTextReader.Options().timeout

  func run() async throws {
    guard let data = FileManager.default.contents(atPath: file) else {
      StandardError.line("liaisond extract: \(file): cannot read the file")
      throw SysExit.dataError
    }
    let bytes = [UInt8](data)
    let message: MIMEMessage
    do {
      message = try MIMEParser().parse(bytes)
    } catch {
      StandardError.line("liaisond extract: \(file): not a parseable message: \(error)")
      throw SysExit.dataError
    }
    // A missing default configuration file is no error: the defaults and the registry
    // built into the binary are used (docs/contract.md, "Configuration").
    let configuration: LiaisondConfiguration
    let router: StatementRouter
    do {
      configuration = try await ConfigurationLoader().load(
        path: options.config, requirement: .record)
      router = StatementRouter(
        registry: try configuration.loadRegistry(), options: configuration.routerOptions)
    } catch {
      StandardError.line("liaisond extract: \(error)")
      throw SysExit.config
    }
    let extractor = LiaisonExtractor(
      options: configuration.extractorOptions,
      readers: .withPDFTextReader(PDFTextReader.Options(timeout: pdftotextTimeout)))
    var statement = await extractor.extract(message, raw: bytes).statement
    statement.route = router.route(statement)
    // A statement the IETF sent elsewhere, copied to the central address, as the process
    // recognises it.
    let copy = OutgoingCopyRule(
      roles: RoleDirectory(registry: router.registry),
      gateways: configuration.routerOptions.gatewayAddresses)
    let to = message.header.addresses("to").map(\.address)
    if statement.kind == .statement,
      copy.outsideRecipient(
        from: message.header.addresses("from").first?.address,
        authenticated: statement.authentication?.isAuthenticated == true, to: to) != nil
    {
      statement.direction = .outgoing
    }

    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(statement), as: UTF8.self))
    } else {
      print("kind: \(statement.kind.rawValue)")
      print("title: \(statement.title ?? "-")")
      print("from: \(statement.from.joined(separator: "; "))")
      print("to: \(statement.to.joined(separator: "; "))")
      print("purpose: \(statement.purpose?.rawValue ?? "-")")
      print("deadline: \(statement.deadline ?? statement.deadlineText ?? "-")")
      print("route: \(statement.route.groups.joined(separator: ", ")) (\(statement.route.reason))")
      for defect in statement.defects { print("defect: \(defect)") }
    }
  }
}
