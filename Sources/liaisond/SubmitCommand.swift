import ArgumentParser
import Daemon
import Foundation
import Liaison
import PDFText
import Routing

/// `liaisond submit FILE --check`: an outgoing statement checked as a submission by mail
/// would be; what would be sent, or every problem (exit 65).
struct SubmitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract: "Check an outgoing liaison statement: what would be sent, or every problem.",
    discussion: """
      FILE is a mail (.eml) or a text file: labelled fields (Title, From, To, Send To, \
      Purpose, Deadline, Cc, Technical Contact, In Response To), a blank line, the text; a \
      mail's attachments travel. The same statement mailed to LOCAL+new@DOMAIN by an \
      authenticated chair, AD or liaison manager goes for approval and is sent. From the \
      command line only --check is offered: sending needs an authenticated submitter.
      """
  )

  @OptionGroup var options: ConfigOption

  @Argument(help: "The submission: a mail (.eml) or a text file.")
  var file: String

  @Flag(name: .long, help: "Only validate, and print what would be sent.")
  var check = false

  @Option(name: .long, help: "The day a deadline may not be before (YYYY-MM-DD; default today).")
  var today: String?

  func run() async throws {
    guard check else {
      StandardError.line(
        "liaisond submit: only --check is offered here; mail the statement to the submission "
          + "address (LOCAL+new@DOMAIN) to have it approved and sent")
      throw SysExit.usage
    }
    if let today, !CalendarDay.isValid(today) {
      StandardError.line("liaisond submit: --today \(today): expected YYYY-MM-DD")
      throw SysExit.usage
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      StandardError.line("liaisond submit: \(file): cannot read the file")
      throw SysExit.dataError
    }
    let checker: SubmissionFileCheck
    do {
      let configuration = try await ConfigurationLoader().load(
        path: options.config, requirement: .record)
      let router = StatementRouter(
        registry: try configuration.loadRegistry(), options: configuration.routerOptions)
      checker = SubmissionFileCheck(
        extractor: LiaisonExtractor(
          options: configuration.extractorOptions, readers: .withPDFTextReader()),
        router: router, process: configuration.processConfiguration)
    } catch {
      StandardError.line("liaisond submit: \(error)")
      throw SysExit.config
    }
    let report = await checker.check(
      [UInt8](data), today: today ?? CalendarDay.string(from: Date()))
    if report.check.plan == nil {
      for line in report.text.split(separator: "\n") {
        StandardError.line("liaisond submit: \(file): \(line)")
      }
      throw SysExit.dataError
    }
    print(report.text)
  }
}
