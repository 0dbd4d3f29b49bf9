import ArgumentParser
import Daemon
import Datatracker
import Foundation
import Liaison
import Routing

/// `liaisond registry import|diff --datatracker SOURCE`: the group registry from the
/// datatracker, and what an import would change.
struct RegistryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "Import the group registry from the datatracker, or show what an import changes.",
    subcommands: [RegistryImportCommand.self, RegistryDiffCommand.self]
  )
}

/// What both subcommands read: the configuration, the source, the overrides.
struct RegistrySourceOptions: ParsableArguments {
  @OptionGroup var configOption: ConfigOption

  @Option(
    name: .long,
    help: "The datatracker: an https:// base URL, or a directory of saved API pages.")
  var datatracker: String

  @Option(name: .long, help: "Overrides file (default: routing.overrides).")
  var overrides: String?

  @Option(name: .customLong("ca-file"), help: "A CA bundle to trust beside the system's.")
  var caFile: String?

  @Option(name: .long, help: "Keep concluded groups for this many years.")
  var recentYears = 5

  @Option(
    name: .long,
    help: "Refuse an import that drops more than this percentage of the groups or role holders.")
  var maxDrop: Double = 20

  @Option(
    name: .long,
    help: "The day the registry is as of (YYYY-MM-DD; default: today): its snapshot date.")
  var asOf: String?

  @Flag(
    name: .long,
    help: "Keep nothing from the registry replaced: what the API lacks comes from the overrides.")
  var fromScratch = false

  func validate() throws {
    guard (0...100).contains(maxDrop) else { throw ValidationError("--max-drop is a percentage") }
    guard recentYears >= 0 else { throw ValidationError("--recent-years must not be negative") }
    if let asOf, CalendarDay.date(from: asOf) == nil {
      throw ValidationError("--as-of must be a day, YYYY-MM-DD")
    }
  }

  /// The configuration; a registry file that does not exist yet is what a first import
  /// creates, not a problem.
  func loadConfiguration(_ command: String) async throws -> LiaisondConfiguration {
    let outcome = await ConfigurationLoader().check(path: configOption.config, requirement: .record)
    let issues = outcome.issues.filter { issue in
      !(issue.key == "routing.registry" && issue.kind == .unreadableFile
        && !FileManager.default.fileExists(atPath: outcome.configuration.routing.registry ?? ""))
    }
    guard issues.isEmpty else {
      throw CommandFailure(
        command: command, message: "\(DaemonError.configuration(issues))", code: SysExit.config)
    }
    return outcome.configuration
  }

  /// The registry at `path` if there is one.
  func existing(_ path: String, _ command: String) throws -> GroupRegistry? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      return try GroupRegistry.load(path: path)
    } catch {
      throw CommandFailure(
        command: command, message: "\(error) (fix the file or remove it before importing)",
        code: SysExit.dataError)
    }
  }

  /// Imports, applies the overrides, and compares with `current`.
  func plan(
    current: GroupRegistry?, configuration: LiaisondConfiguration, command: String,
    enforce: Bool
  ) async throws -> RegistryImport {
    try await failing(command) { () async throws(DatatrackerError) -> RegistryImport in
      let pages = try datatrackerPages(datatracker, caFile: caFile)
      let importer = DatatrackerImporter(
        pages: pages,
        options: .init(
          recentYears: recentYears, now: asOf.flatMap(CalendarDay.date(from:)) ?? Date(),
          previous: fromScratch ? nil : current ?? RoutingRegistry.embedded))
      let imported = try await importer.importRegistry()
      let overrides = try overridesFile(configuration)
      return try RegistryImport(
        imported: imported, overrides: overrides, current: current,
        maxDrop: enforce ? maxDrop / 100 : 1)
    }
  }

  func overridesPath(_ configuration: LiaisondConfiguration) -> String? {
    overrides ?? configuration.routing.overrides
  }

  private func overridesFile(_ configuration: LiaisondConfiguration) throws(DatatrackerError)
    -> RegistryOverrides?
  {
    guard let path = overridesPath(configuration) else { return nil }
    do {
      return try RegistryOverrides.load(path: path)
    } catch let error as RoutingError {
      throw .invalidRegistry(error)
    } catch {
      throw .invalidRegistry(.unreadable(file: path, reason: "\(error)"))
    }
  }

  /// Runs an import step, turning its error into one stderr line and a sysexits code.
  func failing<T>(_ command: String, _ body: () async throws(DatatrackerError) -> T) async throws
    -> T
  {
    try await Self.failing(command, body)
  }

  static func failing<T>(_ command: String, _ body: () async throws(DatatrackerError) -> T)
    async throws -> T
  {
    do {
      return try await body()
    } catch {
      let code: ExitCode
      switch error {
      case .badSource: code = SysExit.usage
      case .unreadable: code = SysExit.unavailable
      case .unwritable: code = SysExit.tempFailure
      default: code = SysExit.dataError
      }
      throw CommandFailure(command: command, message: error.description, code: code)
    }
  }
}

/// `liaisond registry import --datatracker SOURCE [--output PATH]`.
struct RegistryImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Build the group registry from the datatracker and replace the registry file.",
    discussion: """
      Reads groups, roles and people from the datatracker's API (following its paging) or \
      from a directory of saved pages (<resource>/<offset>.json), applies the overrides file, \
      and replaces the registry file atomically. An import that would drop more than \
      --max-drop percent of the current groups or role holders is refused, as is any page \
      that is cut off or malformed. The running daemon reads the new file on SIGHUP.
      """
  )

  @OptionGroup var source: RegistrySourceOptions

  @Option(name: .long, help: "The registry file to write (default: routing.registry).")
  var output: String?

  func run() async throws {
    try await reportingFailures("registry import") {
      let configuration = try await source.loadConfiguration("registry import")
      guard let path = output ?? configuration.routing.registry else {
        throw CommandFailure(
          command: "registry import",
          message: "name the registry file with --output or routing.registry in the configuration",
          code: SysExit.usage)
      }
      let current = try source.existing(path, "registry import")
      let plan = try await source.plan(
        current: current, configuration: configuration, command: "registry import",
        enforce: true)
      let text = plan.text(
        source: source.datatracker, overrides: source.overridesPath(configuration))
      try await source.failing("registry import") { () throws(DatatrackerError) in
        try RegistryImport.write(text, to: path)
      }
      let people =
        plan.registry.groups.reduce(0) { $0 + $1.people.count } + plan.registry.roles.count
      print("\(path): \(plan.registry.groups.count) groups, \(people) role holders")
      if let diff = plan.diff { print(diff.text, terminator: "") }
      print("a running daemon reads it on SIGHUP (systemctl reload liaisond)")
    }
  }
}

/// `liaisond registry diff --datatracker SOURCE [--registry PATH]`.
struct RegistryDiffCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Show what an import would change: groups, and people added or removed per group.",
    discussion: """
      Compares the registry file (default: routing.registry, else the registry built in) \
      with what `registry import` would write, overrides applied. Writes nothing.
      """
  )

  @OptionGroup var source: RegistrySourceOptions

  @Option(name: .long, help: "The registry file to compare with (default: routing.registry).")
  var registry: String?

  func run() async throws {
    try await reportingFailures("registry diff") {
      let configuration = try await source.loadConfiguration("registry diff")
      let current =
        try (registry ?? configuration.routing.registry).flatMap {
          try source.existing($0, "registry diff")
        } ?? RoutingRegistry.embedded
      let plan = try await source.plan(
        current: current, configuration: configuration, command: "registry diff", enforce: false)
      print(plan.diff?.text ?? "", terminator: "")
      do {
        _ = try RegistryImport(
          imported: plan.registry, overrides: nil, current: current,
          maxDrop: source.maxDrop / 100)
      } catch {
        print("an import would be refused: \(error)")
      }
    }
  }
}
