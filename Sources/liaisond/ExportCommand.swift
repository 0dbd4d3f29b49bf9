import ArgumentParser

// Placeholder: replaced by the module that implements `export`.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond export: not implemented yet")
    throw SysExit.unavailable
  }
}
