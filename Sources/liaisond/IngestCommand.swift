import ArgumentParser

// Placeholder: replaced by the module that implements `ingest`.
struct IngestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond ingest: not implemented yet")
    throw SysExit.unavailable
  }
}
