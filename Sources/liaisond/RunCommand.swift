import ArgumentParser
import Daemon
import Foundation
import Logging
import PDFText
import Workflow

/// `liaisond run [--once]`: the daemon.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the daemon: poll IMAP, record, route, notify, remind, serve the web record.",
    discussion: """
      Runs the mailbox poller, the outbox sender, the reminder scheduler and the web record \
      (with /metrics and /healthz) until SIGTERM or SIGINT, which let the message in hand \
      finish and commit. SIGHUP re-reads the configuration and the group registry; a bad \
      file is logged and the running configuration kept. Under systemd (Type=notify) it \
      reports READY, RELOADING, STOPPING and WATCHDOG. A second liaisond on the same store \
      refuses to start (exit 75). With --once it runs one full cycle (poll, record, queue \
      reminders, send the outbox) and exits: 0, or 69 when a server was unavailable.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(name: .long, help: "Run one full cycle, then exit.")
  var once = false

  func run() async throws {
    let loader = ConfigurationLoader(store: storeOptions.store)
    let configurationPath = storeOptions.configOption.config
    let configuration: LiaisondConfiguration
    do {
      configuration = try await loader.load(path: configurationPath, requirement: .daemon)
    } catch {
      StandardError.line("\(error)")
      throw SysExit.config
    }
    if let problem = configuration.unconfiguredStoreProblem {
      StandardError.line("liaisond run: \(problem)")
      throw SysExit.config
    }
    LogSetup.bootstrap(level: configuration.log.level)
    let logger = Logger(label: "liaisond")
    let listen = configuration.web.listen.description
    logger.notice(
      once ? "liaisond run --once starting" : "liaisond starting",
      metadata: StartupSummary.metadata(
        version: LiaisondVersion.string, configuration: configuration,
        listeners: [
          "web.listen": listen, "web.public_url": configuration.web.effectivePublicURL,
          "observability.listen": configuration.observability.listen.description,
          // A missing liaisond-pdftext costs a process per PDF: say which one runs.
          "pdf.converter": Self.converterName(PDFTextReader.Converter.installed),
        ]))
    let metrics = DaemonMetrics()
    metrics.bootstrapGlobal()
    let daemon: LiaisonDaemon
    do {
      daemon = try LiaisonDaemon(
        configuration: configuration, configurationPath: configurationPath, loader: loader,
        notifier: SystemdNotifier(), clock: SystemClock(), metrics: metrics,
        logger: logger)
    } catch {
      StandardError.line("liaisond: \(error)")
      if case .alreadyRunning = error { throw SysExit.tempFailure }
      throw SysExit.config
    }

    if once {
      let report = await daemon.runOnce()
      print(report.summary)
      logger.notice(
        "liaisond run --once stopped", metadata: ["failures": "\(report.failures.count)"])
      if !report.failures.isEmpty { throw SysExit.unavailable }
      return
    }
    do {
      try await daemon.run()
    } catch {
      let message =
        ListenFailure.describe(error, listeners: [("web.listen", listen)]) ?? "\(error)"
      logger.critical("liaisond stopped on an error", metadata: ["error": "\(message)"])
      throw SysExit.unavailable
    }
    logger.notice("liaisond stopped")
  }

  static func converterName(_ converter: PDFTextReader.Converter) -> String {
    switch converter {
    case .worker(let path): "worker \(path)"
    case .pdftotext: "pdftotext per document (no liaisond-pdftext beside liaisond)"
    }
  }
}
