import ArgumentParser

// Placeholder: replaced by the module that implements `list`.
struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond list: not implemented yet")
    throw SysExit.unavailable
  }
}
