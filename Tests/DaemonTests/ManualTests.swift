import Daemon
import Foundation
import Logging
import Testing
import Web

/// The manuals are written by hand in man(7) macros; these tests keep them from falling
/// behind the binary (every subcommand and option) and the configuration schema (every
/// key, with the default the code really uses), and check that they render.
@Suite("The manuals liaisond(8) and liaisond.yaml(5)", .serialized)
struct ManualTests {
  static let program = "docs/man/liaisond.8"
  static let configuration = "docs/man/liaisond.yaml.5"

  static func page(_ path: String) throws -> String {
    try String(
      contentsOf: CommandLineTests.root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The roff source with its escaped hyphens plain, as the tests compare text.
  static func plain(_ roff: String) -> String {
    roff.replacingOccurrences(of: "\\-", with: "-")
  }

  /// The text of a section (`.SH NAME` up to the next `.SH`) or subsection (`.SS`).
  static func section(_ heading: String, macro: String = ".SH", in page: String) -> String? {
    guard let start = page.range(of: "\n\(macro) \(heading)\n") else { return nil }
    let rest = page[start.upperBound...]
    let ends = [".SH ", ".SS "].compactMap { rest.range(of: "\n" + $0)?.lowerBound }
    return String(rest[..<(ends.min() ?? rest.endIndex)])
  }

  @Test("liaisond(8) has the Debian sections and every subcommand and option of the binary")
  func programPageIsComplete() throws {
    let page = Self.plain(try Self.page(Self.program))
    #expect(page.contains("\n.TH LIAISOND 8 "))
    for heading in [
      "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "FILES", "ENVIRONMENT",
      "SIGNALS", "EXIT STATUS", "SEE ALSO",
    ] {
      #expect(Self.section(heading, in: page) != nil, "no section \(heading)")
    }
    let options = try #require(Self.section("OPTIONS", in: page))
    for general in ["--config", "--store", "--version", "--help"] {
      #expect(options.contains(general), "OPTIONS lacks \(general)")
    }
    let subcommands = try CommandLineTests.subcommands()
    #expect(subcommands.count >= 13)
    for name in subcommands {
      guard let text = Self.section(name, macro: ".SS", in: page) else {
        Issue.record("\(Self.program) has no subsection for `liaisond \(name)`")
        continue
      }
      let help = try CommandLineTests.run([name, "--help"]).stdout
      let flags =
        help.components(separatedBy: "OPTIONS:").last?.split(separator: "\n")
        .filter { $0.drop(while: { $0 == " " }).hasPrefix("-") }
        .flatMap { $0.split(separator: " ").filter { $0.hasPrefix("--") } }
        .map { String($0.prefix { $0 != "," && $0 != "=" }) } ?? []
      #expect(!flags.isEmpty, "\(name) --help lists no option")
      for flag in flags where !["--help", "--version"].contains(flag) {
        #expect(text.contains(flag), "\(Self.program): `liaisond \(name)` lacks \(flag)")
      }
    }
    let exits = try #require(Self.section("EXIT STATUS", in: page))
    for (code, name) in [
      ("64", "EX_USAGE"), ("65", "EX_DATAERR"), ("69", "EX_UNAVAILABLE"), ("75", "EX_TEMPFAIL"),
      ("78", "EX_CONFIG"),
    ] {
      #expect(exits.contains(".BR \(code) \" (\(name))\""), "EXIT STATUS lacks \(code) \(name)")
    }
    let signals = try #require(Self.section("SIGNALS", in: page))
    for signal in ["SIGTERM", "SIGINT", "SIGHUP"] { #expect(signals.contains(signal)) }
    let environment = try #require(Self.section("ENVIRONMENT", in: page))
    for variable in [
      "LIAISOND_CONFIG", "LIAISOND_STORE", "CREDENTIALS_DIRECTORY", "STATE_DIRECTORY",
    ] {
      #expect(environment.contains(variable), "ENVIRONMENT lacks \(variable)")
    }
    #expect(!page.contains("SPEC.md") && !page.contains("mime-oracle"))
  }

  @Test("liaisond.yaml(5) documents every key liaisond reads, with the default the code uses")
  func configurationPageHasEveryKeyAndItsDefault() async throws {
    let page = Self.plain(try Self.page(Self.configuration))
    #expect(page.contains("\n.TH LIAISOND.YAML 5 "))
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let empty = try dir.write("empty.yaml", "")
    let c = try await ConfigurationLoader(environment: ["STATE_DIRECTORY": dir.sub("state")])
      .load(path: empty, requirement: .record)
    func days(_ d: Duration) -> String { ConfigDuration.format(d) }
    // The keys whose default is a value; the others say in words what their absence means.
    let defaults: [String: String] = [
      "imap.processed_mailbox": c.imap.processedMailbox,
      "imap.quarantine_mailbox": c.imap.quarantineMailbox,
      "imap.poll_interval": days(c.imap.pollInterval),
      "web.listen": c.web.listen.description,
      "web.max_connections": "\(c.webMaxConnections)",
      "web.idle_timeout": days(c.webLimits.idleTimeout),
      "web.header_timeout": days(c.webLimits.headerTimeout),
      "web.max_header_bytes": "\(c.webLimits.maxHeaderBytes)",
      "web.max_body_bytes": "\(c.webLimits.maxRequestBytes)",
      "intake.max_attempts": "\(c.intake.maxAttempts)",
      "observability.listen": c.observability.listen.description,
      "routing.iab_contact": c.routing.iabContact,
      "routing.irtf_contact": c.routing.irtfContact,
      "routing.copy_group_lists": "\(c.routing.copyGroupLists)",
      "reminders.before_deadline": "["
        + c.reminders.beforeDeadline.map(days).joined(separator: ", ")
        + "]",
      "reminders.overdue_every": days(c.reminders.overdueEvery),
      "acknowledge.information": "\(c.acknowledge.information)",
      "trust.outside_recipient_daily_limit": "\(c.trust.outsideRecipientDailyLimit)",
      "approval.expire_after": days(c.approval.expireAfter),
      "health.poll_failure_threshold": days(c.health.pollFailureThreshold),
      "health.send_failure_threshold": days(c.health.sendFailureThreshold),
      "log.level": c.log.level.rawValue,
    ]
    var documented: Set<String> = []
    for line in page.split(separator: "\n") where line.hasPrefix(".B ") {
      let name = String(line.dropFirst(3))
      if name.contains("."), name.first?.isLowercase == true, !name.contains(" ") {
        documented.insert(name)
      }
    }
    #expect(documented == Set(ConfigurationSchema.keys.map(\.name)), "keys in the manual")
    for key in ConfigurationSchema.keys {
      guard let start = page.range(of: "\n.B \(key.name)\n") else { continue }
      let rest = page[start.upperBound...]
      let end =
        [rest.range(of: "\n.TP\n")?.lowerBound, rest.range(of: "\n.SH ")?.lowerBound]
        .compactMap { $0 }.min() ?? rest.endIndex
      let entry = rest[..<end]
      guard
        let defaultLine = entry.split(separator: "\n").first(where: { $0.hasPrefix("Default: ") })
      else {
        Issue.record("\(key.name) has no `Default:` line in \(Self.configuration)")
        continue
      }
      if let expected = defaults[key.name] {
        let written = String(defaultLine.dropFirst("Default: ".count).dropLast())
        #expect(
          Self.normalised(written) == expected,
          "\(key.name): the manual says \(defaultLine), the code \(expected)")
      }
    }
  }

  /// A duration, or a list of them, in the spelling `ConfigDuration.format` gives (the
  /// manual writes `14d` where the shortest form is `2w`); other text unchanged.
  static func normalised(_ text: String) -> String {
    if text.hasPrefix("["), text.hasSuffix("]") {
      let items = text.dropFirst().dropLast().split(separator: ",").map {
        normalised($0.trimmingCharacters(in: .whitespaces))
      }
      return "[" + items.joined(separator: ", ") + "]"
    }
    return ConfigDuration.parse(text).map(ConfigDuration.format) ?? text
  }

  @Test(
    "the docs are self-contained: the contract lists every key; nothing cites files outside the repository"
  )
  func docsAreSelfContained() throws {
    let contract = try Self.page("docs/contract.md")
    for key in ConfigurationSchema.keys {
      #expect(contract.contains("| `\(key.name)` |"), "docs/contract.md lacks \(key.name)")
    }
    let version = try CommandLineTests.run(["--version"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    for page in [Self.program, Self.configuration] {
      #expect(
        try Self.page(page).contains("\"liaisond \(version)\""), "\(page) names another version")
    }
    var texts = [
      ("README.md", try Self.page("README.md")),
      ("docs/install.md", try Self.page("docs/install.md")),
      ("liaisond --help", try CommandLineTests.run(["--help"]).stdout),
    ]
    for name in try CommandLineTests.subcommands() {
      texts.append(("liaisond \(name) --help", try CommandLineTests.run([name, "--help"]).stdout))
    }
    for (name, text) in texts {
      for outside in ["SPEC.md", "mime-oracle.py"] {
        #expect(!text.contains(outside), "\(name) cites \(outside), which is not in the repository")
      }
    }
    #expect(texts[2].1.contains("docs/contract.md"))
  }

  @Test("both manuals render with man -l, and groff finds nothing to warn about")
  func manualsRender() throws {
    for (path, title) in [
      (Self.program, "LIAISOND(8)"), (Self.configuration, "LIAISOND.YAML(5)"),
    ] {
      let file = CommandLineTests.root.appendingPathComponent(path).path
      let groff = try Self.tool("/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-z", file])
      #expect(groff.status == 0 && groff.stderr.isEmpty, "\(path): \(groff.stderr)")
      let man = try Self.tool("/usr/bin/man", ["-P", "cat", "-l", file])
      #expect(man.status == 0, "\(path): \(man.stderr)")
      #expect(man.stdout.contains(title), "\(path) rendered:\n\(man.stdout.prefix(400))")
    }
  }

  static func tool(_ path: String, _ arguments: [String]) throws -> CommandLineTests.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ["PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandLineTests.Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
