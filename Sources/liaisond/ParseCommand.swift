import ArgumentParser

// Placeholder: replaced by the module that implements `parse`.
struct ParseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond parse: not implemented yet")
    throw SysExit.unavailable
  }
}
