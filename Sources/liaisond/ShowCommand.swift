import ArgumentParser

// Placeholder: replaced by the module that implements `show`.
struct ShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond show: not implemented yet")
    throw SysExit.unavailable
  }
}
