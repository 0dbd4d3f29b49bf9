import ArgumentParser

// Placeholder: replaced by the module that implements `check-config`.
struct CheckConfigCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond check-config: not implemented yet")
    throw SysExit.unavailable
  }
}
