import ArgumentParser

// Placeholder: replaced by the module that implements `remind`.
struct RemindCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "remind", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond remind: not implemented yet")
    throw SysExit.unavailable
  }
}
