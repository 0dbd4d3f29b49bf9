import ArgumentParser

@main
struct Liaisond: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "liaisond",
    abstract: "The IETF liaison statement gateway: IMAP in, record, route, SMTP out.",
    discussion: """
      Polls the liaison-coordination mailbox, parses each liaison statement, records it \
      publicly, routes it to the right IETF or IRTF group, and keeps the process moving \
      by mail. The contract (commands, JSON, exit codes, configuration) is docs/contract.md; \
      the manuals are liaisond(8) and liaisond.yaml(5).
      """,
    version: LiaisondVersion.string,
    subcommands: [
      RunCommand.self, IngestCommand.self, ParseCommand.self, ExtractCommand.self,
      ListCommand.self, ShowCommand.self, ExportCommand.self, RouteCommand.self,
      RemindCommand.self, ReclassifyCommand.self, ServeCommand.self, CheckConfigCommand.self,
      SubmitCommand.self, RegistryCommand.self, HistoryCommand.self, BackupCommand.self,
      VerifyCommand.self,
    ]
  )
}

enum LiaisondVersion {
  static let string = "0.1.0"
}
