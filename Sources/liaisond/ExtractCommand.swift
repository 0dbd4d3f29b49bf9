import ArgumentParser

// Placeholder: replaced by the module that implements `extract`.
struct ExtractCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "extract", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond extract: not implemented yet")
    throw SysExit.unavailable
  }
}
