import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Store
import Web

/// `liaisond serve`: the public web record alone, without polling.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the public web record (list, statement pages, Atom feeds, JSON API) alone.")

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Address to listen on: HOST:PORT, [IPv6]:PORT or PORT.")
  var listen = "127.0.0.1:8080"

  @Option(
    name: .long, help: "The URL the site is reached at, for feeds (default: http://HOST:PORT).")
  var publicURL: String?

  func run() async throws {
    try await reportingFailures("serve") {
      let address: (host: String, port: Int)
      do {
        address = try WebOptions.parseListen(listen)
      } catch {
        throw CommandFailure(command: "serve", message: "--listen: \(error)", code: SysExit.usage)
      }
      let record = try await storeOptions.openExisting(command: "serve")
      let options = WebOptions(host: address.host, port: address.port, publicURL: publicURL)
      let app = try buildApplication(
        repository: record, options: options, logger: Logger(label: "liaisond.web"),
        onServerRunning: { port in
          FileHandle.standardError.write(
            Data("liaisond serve: listening on \(options.host):\(port)\n".utf8))
        })
      try await app.runService()
    }
  }
}
