import ArgumentParser

// Placeholder: replaced by the module that implements `serve`.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "serve", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond serve: not implemented yet")
    throw SysExit.unavailable
  }
}
