import ArgumentParser
import Daemon
import Foundation
import Liaison
import Routing
import Store
import Workflow

/// `liaisond route ID --to GROUP [--note TEXT]`: re-route a misdirected or unrouted
/// statement; the history records it and the new receivers are notified.
struct RouteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "route",
    abstract: "Re-route a statement to IETF/IRTF groups and notify the new receivers.",
    discussion: """
      GROUP is a registry acronym or name (ccamp, "IETF TEAS WG"); repeat --to or separate \
      with commas for several groups. Concluded groups and other standards bodies are \
      refused with the reason. The notification is queued in the outbox and sent by the \
      running daemon (or the next `liaisond run --once`).
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "The statement id, e.g. LS-2026-0042.")
  var id: String

  @Option(name: .long, parsing: .singleValue, help: "A group acronym or name; repeatable.")
  var to: [String]

  @Option(name: .long, help: "Why the statement is re-routed; kept in its history.")
  var note: String?

  func validate() throws {
    guard !groups.isEmpty else { throw ValidationError("--to needs at least one group") }
  }

  var groups: [String] {
    to.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  func run() async throws {
    try await reportingFailures("route") {
      let process = try await ProcessSetup.make(storeOptions, command: "route")
      let route = try ProcessSetup.run("route") { () throws(WorkflowError) -> RouteDecision in
        try process.reroute(id: id, to: groups, note: note, now: process.clock.now())
      }
      print(
        "\(id): routed to \(route.groups.joined(separator: ", ")); notifying \(route.recipients.joined(separator: ", "))"
      )
    }
  }
}

/// Builds the liaison process from the configuration, for the commands that drive it.
enum ProcessSetup {
  static func make(_ storeOptions: StoreOptions, command: String) async throws -> LiaisonProcess {
    let configuration = try await storeOptions.configuration(command: command)
    let registry: GroupRegistry
    do {
      registry = try configuration.loadRegistry()
    } catch {
      throw CommandFailure(command: command, message: "\(error)", code: SysExit.config)
    }
    let store = try storeOptions.openExisting(command: command, configuration: configuration)
    return LiaisonProcess(
      store: store,
      router: StatementRouter(registry: registry, options: configuration.routerOptions),
      configuration: configuration.processConfiguration, clock: SystemClock())
  }

  /// Runs a process step, turning its error into one stderr line and a sysexits code.
  static func run<T>(_ command: String, _ body: () throws(WorkflowError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      let code: ExitCode
      switch error {
      case .unknownStatement, .routing, .message: code = SysExit.dataError
      case .store, .storeUnwritable: code = SysExit.tempFailure
      }
      throw CommandFailure(command: command, message: error.description, code: code)
    }
  }
}
