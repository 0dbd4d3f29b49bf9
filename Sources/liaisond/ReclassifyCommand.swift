import ArgumentParser
import Daemon
import Foundation
import Liaison
import Logging
import Routing
import Store
import Workflow

/// `liaisond reclassify ID --as statement [--note TEXT]`: a mail the classifier took for
/// automatic mail, a bounce or no liaison is a statement after all; it is extracted again
/// as one, routed and notified, and its history says who decided.
struct ReclassifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reclassify",
    abstract: "Declare a recorded mail a liaison statement, then route it.",
    discussion: """
      ID is a record listed on /iab under "Not on the public record" (automatic mail, a \
      bounce, or mail taken for no liaison). Its fields are extracted again from the mail as \
      received, it is routed, and the notification is queued in the outbox and sent by the \
      running daemon (or the next `liaisond run --once`). Quarantined mail and replies cannot \
      be reclassified.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "The record id, e.g. MSG-2026-0007.")
  var id: String

  @Option(name: .customLong("as"), help: "The kind it really is: statement.")
  var kind: String

  @Option(name: .long, help: "Why; kept in its history.")
  var note: String?

  func validate() throws {
    guard MessageKind(rawValue: kind) == .statement else {
      throw ValidationError("--as takes only \"statement\"")
    }
  }

  func run() async throws {
    try await reportingFailures("reclassify") {
      let configuration: LiaisondConfiguration
      do {
        configuration = try await ConfigurationLoader().load(
          path: storeOptions.configOption.config, requirement: .record)
      } catch {
        throw CommandFailure(command: "reclassify", message: "\(error)", code: SysExit.config)
      }
      let registry: GroupRegistry
      do {
        registry = try configuration.loadRegistry()
      } catch {
        throw CommandFailure(command: "reclassify", message: "\(error)", code: SysExit.config)
      }
      let store = try await storeOptions.openExisting(command: "reclassify")
      let pipeline = IngestPipeline(
        configuration: configuration, store: store, registry: registry, clock: SystemClock(),
        metrics: nil, logger: Logger(label: "liaisond.reclassify"))
      let route: RouteDecision
      do throws(DaemonError) {
        route = try await pipeline.reclassify(
          id: id, as: .statement, note: note, now: SystemClock().now())
      } catch {
        throw CommandFailure(command: "reclassify", message: "\(error)", code: SysExit.dataError)
      }
      let groups = route.groups.isEmpty ? "no group" : route.groups.joined(separator: ", ")
      // A statement is public: it has an LS- id now, the MSG- id an alias of it.
      let current = (try? store.currentID(of: id)) ?? id
      print("\(id): a statement now, \(current); \(route.reason) (\(groups))")
    }
  }
}
