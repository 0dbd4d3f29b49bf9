import ArgumentParser

// Placeholder: replaced by the module that implements `run`.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "run", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond run: not implemented yet")
    throw SysExit.unavailable
  }
}
