import ArgumentParser

// Placeholder: replaced by the module that implements `route`.
struct RouteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "route", abstract: "Not implemented yet.")

  func run() async throws {
    print("liaisond route: not implemented yet")
    throw SysExit.unavailable
  }
}
