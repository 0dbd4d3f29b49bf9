import ArgumentParser
import Daemon
import Foundation
import Liaison
import Logging
import Store
import Workflow

/// `liaisond ingest FILE...`: records local messages exactly as if they had arrived by IMAP.
struct IngestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Record local RFC 5322 files as if they had arrived by IMAP.",
    discussion: """
      Each FILE is one message (.eml), or with --mbox an mbox file of many. Every file is \
      checked before anything is recorded: an unreadable one stops the run with exit \
      status 65, naming it. A message that cannot be parsed is kept, quarantined and \
      reported. Prints one line per message: recorded, duplicate or quarantined, and its id.
      """
  )

  @OptionGroup var options: ConfigOption

  @Flag(name: .long, help: "Each FILE is an mbox file holding many messages.")
  var mbox = false

  @Argument(help: "The message files to record.")
  var files: [String]

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one FILE to ingest") }
  }

  func run() async throws {
    do {
      _ = try FileIngester.check(files)
    } catch {
      StandardError.line("liaisond ingest: \(error)")
      throw SysExit.dataError
    }
    let configuration: LiaisondConfiguration
    do {
      configuration = try await ConfigurationLoader().load(
        path: options.config, requirement: .record)
    } catch {
      StandardError.line("\(error)")
      throw SysExit.config
    }
    LogSetup.bootstrap(level: .warning)
    let logger = Logger(label: "liaisond.ingest")
    let pipeline: IngestPipeline
    do {
      let store = try LiaisonStore(
        directory: configuration.store.path, logger: logger,
        gatewayAddresses: [configuration.gatewayAddress])
      pipeline = IngestPipeline(
        configuration: configuration, store: store, registry: try configuration.loadRegistry(),
        clock: SystemClock(), metrics: nil,
        logger: logger)
    } catch {
      StandardError.line("liaisond ingest: \(error)")
      throw SysExit.config
    }

    let progress = ProgressBar()
    let summary: FileIngester.Summary
    do throws(DaemonError) {
      summary = try await FileIngester(pipeline: pipeline, mbox: mbox, clock: SystemClock()).run(
        files
      ) {
        event in
        switch event {
        case .progress(let done, let total, let current):
          progress.update(done: done, total: total, label: current)
        case .handled(let path, let index, let outcome):
          progress.clear()
          let name = index.map { "\(path)#\($0)" } ?? path
          switch outcome {
          case .recorded(let id, let kind): print("recorded \(id) \(name) (\(kind.rawValue))")
          case .duplicate(let id): print("duplicate \(id) \(name)")
          case .quarantined(let id, let reason): print("quarantined \(id) \(name): \(reason)")
          }
        }
      }
    } catch {
      progress.clear()
      StandardError.line("liaisond ingest: \(error)")
      if case .unreadableInput = error { throw SysExit.dataError }
      throw SysExit.tempFailure
    }
    progress.clear()
    StandardError.line(
      "\(summary.total) message\(summary.total == 1 ? "" : "s"): \(summary.recorded) recorded, "
        + "\(summary.duplicate) duplicate, \(summary.quarantined) quarantined")
  }
}
