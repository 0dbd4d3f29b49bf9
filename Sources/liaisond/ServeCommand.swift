import ArgumentParser
import Daemon
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

  @Option(
    name: .long,
    help: "Address /metrics and /healthz listen on, apart from the record: HOST:PORT or PORT.")
  var observabilityListen = "127.0.0.1:9464"

  func run() async throws {
    try await reportingFailures("serve") {
      let address: (host: String, port: Int)
      do {
        address = try WebOptions.parseListen(listen)
      } catch {
        throw CommandFailure(command: "serve", message: "--listen: \(error)", code: SysExit.usage)
      }
      guard let monitor = ListenAddress(parsing: observabilityListen) else {
        throw CommandFailure(
          command: "serve",
          message: "--observability-listen: \(observabilityListen) is not HOST:PORT or PORT",
          code: SysExit.usage)
      }
      let record = try await storeOptions.openExisting(command: "serve")
      let options = WebOptions(host: address.host, port: address.port, publicURL: publicURL)
      try await WebRecordServer.run(
        store: record, options: options, observability: monitor,
        logger: Logger(label: "liaisond.web"),
        onServerRunning: { port in
          FileHandle.standardError.write(
            Data("liaisond serve: listening on \(options.host):\(port)\n".utf8))
        })
    }
  }
}
