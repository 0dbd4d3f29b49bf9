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

  @Option(
    name: .long,
    help: """
      Address /metrics and /healthz listen on, apart from the record: HOST:PORT or PORT \
      (default: observability.listen, 127.0.0.1:9464).
      """)
  var observabilityListen: String?

  func run() async throws {
    try await reportingFailures("serve") {
      let configuration = try await storeOptions.configuration(command: "serve")
      var options = configuration.webOptions
      var source = "web.listen"
      if let listen {
        do {
          let address = try WebOptions.parseListen(listen)
          options.host = address.host
          options.port = address.port
          options.publicURL =
            publicURL ?? configuration.web.publicURL
            ?? "http://\(ListenAddress(host: address.host, port: address.port))"
          source = "--listen"
        } catch {
          throw CommandFailure(command: "serve", message: "--listen: \(error)", code: SysExit.usage)
        }
      } else if let publicURL {
        options.publicURL = publicURL
      }
      var monitor = configuration.observability.listen
      var monitorSource = "observability.listen"
      if let observabilityListen {
        guard let address = ListenAddress(parsing: observabilityListen) else {
          throw CommandFailure(
            command: "serve",
            message: "--observability-listen: \(observabilityListen) is not HOST:PORT or PORT",
            code: SysExit.usage)
        }
        monitor = address
        monitorSource = "--observability-listen"
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
          listeners: [
            "web.listen": address, "web.public_url": options.publicURL,
            "observability.listen": monitor.description,
          ]))
      do {
        try await WebRecordServer.run(
          store: record, options: options, observability: monitor, logger: logger,
          onServerRunning: { port in
            logger.notice(
              "liaisond serve is running",
              metadata: ["web.listen": "\(ListenAddress(host: host, port: port))"])
          })
      } catch {
        let listeners = [(source, address), (monitorSource, monitor.description)]
        if let message = ListenFailure.describe(error, listeners: listeners) {
          throw CommandFailure(command: "serve", message: message, code: SysExit.unavailable)
        }
        throw CommandFailure(command: "serve", message: "\(error)", code: SysExit.unavailable)
      }
      logger.notice("liaisond serve stopped")
    }
  }
}
