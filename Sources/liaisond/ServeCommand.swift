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
    abstract: "Serve the public web record (list, statement pages, Atom feeds, JSON API) alone.",
    discussion: """
      Reads the configuration as every command does; --listen and --public-url override \
      web.listen and web.public_url. Stops on SIGTERM or SIGINT.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(
    name: .long,
    help:
      "Address to listen on: HOST:PORT, [IPv6]:PORT or PORT (default: web.listen, 127.0.0.1:8080).")
  var listen: String?

  @Option(
    name: .long,
    help:
      "The URL the site is reached at, for feeds (default: web.public_url, else http://HOST:PORT).")
  var publicURL: String?

  func run() async throws {
    try await reportingFailures("serve") {
      let configuration = try await storeOptions.configuration(command: "serve")
      var options = configuration.webOptions
      var source = "web.listen"
      if let listen {
        do {
          let address = try WebOptions.parseListen(listen)
          options = WebOptions(
            host: address.host, port: address.port,
            publicURL: publicURL ?? configuration.web.publicURL,
            gatewayAddresses: [configuration.gatewayAddress])
          source = "--listen"
        } catch {
          throw CommandFailure(command: "serve", message: "--listen: \(error)", code: SysExit.usage)
        }
      } else if let publicURL {
        options = WebOptions(
          host: options.host, port: options.port, publicURL: publicURL,
          gatewayAddresses: [configuration.gatewayAddress])
      }
      let record = try storeOptions.openExisting(command: "serve", configuration: configuration)
      LogSetup.bootstrap(level: configuration.log.level)
      let logger = Logger(label: "liaisond")
      let host = options.host
      let address = ListenAddress(host: host, port: options.port).description
      logger.notice(
        "liaisond serve starting",
        metadata: StartupSummary.metadata(
          version: LiaisondVersion.string, configuration: configuration,
          listeners: ["web.listen": address, "web.public_url": options.publicURL]))
      let app = try buildApplication(
        repository: record, options: options, logger: logger,
        onServerRunning: { port in
          logger.notice(
            "liaisond serve is running",
            metadata: ["web.listen": "\(ListenAddress(host: host, port: port))"])
        })
      do {
        try await app.runService()
      } catch {
        if let message = ListenFailure.describe(error, listeners: [(source, address)]) {
          throw CommandFailure(command: "serve", message: message, code: SysExit.unavailable)
        }
        throw CommandFailure(command: "serve", message: "\(error)", code: SysExit.unavailable)
      }
      logger.notice("liaisond serve stopped")
    }
  }
}
