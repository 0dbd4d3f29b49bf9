import Foundation
import Testing

/// The `liaisond` executable itself: exit codes, stderr, signals.
@Suite("liaisond on the command line", .serialized)
struct CommandLineTests {
  /// The binary SwiftPM built beside this test bundle.
  static var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("liaisond").path
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(
    _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test("check-config prints all five mistakes of a file, one per line, and exits 78")
  func checkConfigFiveMistakes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(
      "liaisond.yaml",
      """
      imap:
        url: pop3://mail.example.org/INBOX
        username: liaison
        password_file: /nonexistent/imap
        poll_interval: sixty
      smtp:
        url: smtps://mail.example.org
        from: liaison@example.org
        pasword: s3cret-typo
      store:
        path: \(dir.sub("state"))
      acknowledge:
        information: maybe
      """)
    let result = try Self.run(["check-config", "--config", path])
    #expect(result.status == 78)
    let all = result.stderr.split(separator: "\n").map(String.init)
    // The file has no trust section: commands by mail are off, said as warnings.
    #expect(all.contains { $0.hasPrefix("warning: ") && $0.contains("trust.authserv_id") })
    let lines = all.filter { !$0.hasPrefix("warning: ") }
    #expect(lines.count == 6, "\(lines)")
    for key in [
      "imap.url", "imap.password_file", "imap.poll_interval", "smtp.pasword",
      "acknowledge.information",
    ] {
      #expect(lines.contains { $0.hasPrefix("\(path):") && $0.contains(" \(key): ") }, "\(key)")
    }
    #expect(
      lines.last?.hasPrefix(
        "\(path): 5 problems; every key is explained in config/liaisond.example.yaml") == true)
    #expect(!result.stderr.contains("s3cret-typo"))
  }

  @Test("check-config on a good file says OK and exits 0")
  func checkConfigOK() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", DaemonLifecycleTests.yaml(dir))
    let result = try Self.run(["check-config", "--config", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "\(path): OK\n")
  }

  @Test(
    "run: a second instance refuses the store (75); SIGHUP with a bad file keeps running; SIGTERM stops it (0)"
  )
  func runSignalsAndLock() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", DaemonLifecycleTests.yaml(dir))
    let log = dir.sub("daemon.log")
    #expect(FileManager.default.createFile(atPath: log, contents: nil))
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: Self.binary)
    daemon.arguments = ["run", "--config", path]
    daemon.environment = ["PATH": "/usr/bin:/bin"]
    let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    daemon.standardError = logHandle
    daemon.standardOutput = logHandle
    try daemon.run()
    defer { if daemon.isRunning { daemon.terminate() } }

    func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
    func waitFor(_ text: String) async throws {
      let deadline = ContinuousClock.now + .seconds(30)
      while !logText().contains(text) {
        guard ContinuousClock.now < deadline, daemon.isRunning else {
          Issue.record("no \"\(text)\" in the log:\n\(logText())")
          throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(50))
      }
    }
    try await waitFor("liaisond is running")
    // The first line says what runs where; an operator reads it in the journal.
    let start = try #require(
      logText().split(separator: "\n").first { $0.contains("liaisond starting") })
    for field in [
      "version=\(Self.version)", "config=\(path)", "store=\(dir.sub("state"))",
      "store.from=store.path",
      "imap=127.0.0.1:9", "smtp=127.0.0.1:9", "web.listen=127.0.0.1:0",
      "observability.listen=127.0.0.1:0",
    ] {
      #expect(start.contains(field), "\(field) in \(start)")
    }

    let second = try Self.run(["run", "--config", path])
    #expect(second.status == 75)
    #expect(second.stderr.contains("already running"))
    #expect(second.stderr.contains(dir.sub("state/liaisond.lock")))
    #expect(second.stderr.contains("process \(daemon.processIdentifier)"))

    try dir.write("liaisond.yaml", DaemonLifecycleTests.yaml(dir, pollInterval: "never"))
    kill(daemon.processIdentifier, SIGHUP)
    try await waitFor("reload failed; keeping the running configuration")
    #expect(daemon.isRunning)
    #expect(logText().contains("imap.poll_interval"))

    kill(daemon.processIdentifier, SIGTERM)
    let deadline = ContinuousClock.now + .seconds(30)
    while daemon.isRunning, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(!daemon.isRunning)
    #expect(daemon.terminationStatus == 0, "\(logText())")
    #expect(logText().contains("mailbox poller stopped"))
    #expect(logText().contains("notice liaisond stopped"), "\(logText())")
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The subcommands `liaisond --help` lists.
  static func subcommands() throws -> [String] {
    let help = try run(["--help"]).stdout
    return help.components(separatedBy: "SUBCOMMANDS:").last?
      .split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("  "), !line.hasPrefix("   "),
          let name = line.split(separator: " ").first,
          name.allSatisfy({ $0.isLowercase || $0 == "-" })
        else { return nil }
        return String(name)
      } ?? []
  }

  /// The system paths a command could write to by default, and what is there now.
  static func systemState() -> [String: [String]] {
    var state: [String: [String]] = [:]
    for path in ["/var/lib/liaisond", "/etc/liaisond", "/var/lib/liaisond-backups"] {
      state[path] =
        FileManager.default.fileExists(atPath: path)
        ? ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? ["?"]).sorted()
        : nil
    }
    return state
  }

  @Test("with no configuration every subcommand writes nothing outside its temporary directory")
  func everySubcommandWithoutConfiguration() throws {
    #expect(
      !FileManager.default.fileExists(atPath: "/etc/liaisond/liaisond.yaml"),
      "this test needs a machine without /etc/liaisond/liaisond.yaml")
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let mail = Self.root.appendingPathComponent("fixtures/mail/3gpp-inline-action.eml").path
    // Each subcommand, the arguments it needs, the exit status and what stderr must say.
    let cases: [String: (arguments: [String], status: Int32, says: String)] = [
      "run": (["run", "--once"], 78, "give --config PATH or set LIAISOND_CONFIG"),
      "ingest": (["ingest", mail], 78, "pass --store DIR"),
      "parse": (["parse", mail], 0, ""),
      "extract": (["extract", mail], 0, ""),
      "list": (["list"], 78, "no record at /var/lib/liaisond"),
      "show": (["show", "LS-2026-0001"], 78, "no record at /var/lib/liaisond"),
      "export": (["export", "--json"], 78, "no record at /var/lib/liaisond"),
      "route": (["route", "LS-2026-0001", "--to", "ccamp"], 78, "no record at /var/lib/liaisond"),
      "remind": (["remind", "--dry-run"], 78, "no record at /var/lib/liaisond"),
      "serve": (["serve"], 78, "no record at /var/lib/liaisond"),
      "check-config": (["check-config"], 78, "give --config PATH or set LIAISOND_CONFIG"),
      "backup": (["backup", dir.sub("backup")], 78, "no record at /var/lib/liaisond"),
      "verify": (["verify", dir.sub("backup")], 65, "no backup at"),
      "reclassify": (
        ["reclassify", "MSG-2026-0001", "--as", "statement"], 78, "no record at /var/lib/liaisond"
      ),
      "submit": (
        [
          "submit", "--check",
          Self.root.appendingPathComponent("fixtures/submissions/action.eml").path,
        ],
        0, ""
      ),
      "registry": (
        [
          "registry", "import", "--datatracker",
          Self.root.appendingPathComponent("fixtures/datatracker/current").path,
        ], 64, "name the registry file with --output"
      ),
      "history": (
        [
          "history", "import", "--datatracker",
          Self.root.appendingPathComponent("fixtures/datatracker/history").path,
        ], 78, "pass --store DIR"
      ),
    ]
    let subcommands = try Self.subcommands()
    #expect(subcommands.count >= 11)
    #expect(Set(subcommands).isSubset(of: Set(cases.keys)), "a subcommand this test does not run")
    let before = Self.systemState()
    for name in subcommands {
      guard let expected = cases[name] else { continue }
      let result = try Self.run(
        expected.arguments, environment: ["HOME": dir.path, "TMPDIR": dir.path],
        directory: dir.path)
      #expect(result.status == expected.status, "\(name): \(result.stderr)")
      #expect(
        expected.says.isEmpty || result.stderr.contains(expected.says), "\(name): \(result.stderr)")
      if name == "check-config" || name == "run" {
        // One problem and the summary, not a line per key the missing file would hold.
        #expect(result.stderr.split(separator: "\n").count <= 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("config/liaisond.example.yaml"), "\(result.stderr)")
      }
      #expect(Self.systemState() == before, "\(name) wrote to a system path")
    }
    #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) == [])

    // Given a store, ingest records into it, by option or environment.
    let byOption = try Self.run(["ingest", "--store", dir.sub("a"), mail], directory: dir.path)
    #expect(byOption.status == 0, "\(byOption.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.sub("a/liaisond.sqlite")))
    let byEnvironment = try Self.run(
      ["ingest", mail], environment: ["LIAISOND_STORE": dir.sub("b")], directory: dir.path)
    #expect(byEnvironment.status == 0, "\(byEnvironment.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.sub("b/liaisond.sqlite")))
    #expect(Self.systemState() == before)
  }

  @Test("list refuses an unknown --state, --purpose or --kind with 64, listing the allowed values")
  func listRefusesUnknownFilterValues() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for (option, allowed) in [
      ("--state", "open, unrouted, misdirected, answered, awaiting_approval, closed, quarantined"),
      ("--purpose", "information, action, response, comment"),
      ("--kind", "statement"),
    ] {
      let result = try Self.run(["list", "--store", dir.path, option, "bogus"])
      #expect(result.status == 64, "\(option): \(result.stderr)")
      #expect(result.stderr.contains("\(option) \"bogus\": expected one of"), "\(result.stderr)")
      #expect(result.stderr.contains(allowed), "\(result.stderr)")
    }
  }

  @Test("serve reads web.listen and web.public_url, names a busy address, and logs its stop")
  func serveHonoursTheConfiguration() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let mail = Self.root.appendingPathComponent("fixtures/mail/3gpp-inline-action.eml").path
    let config = try dir.write(
      "liaisond.yaml",
      DaemonLifecycleTests.yaml(dir, extra: "  public_url: https://liaisons.example.test/"))
    #expect(try Self.run(["ingest", "--config", config, mail]).status == 0)
    let log = dir.sub("serve.log")
    #expect(FileManager.default.createFile(atPath: log, contents: nil))
    let server = Process()
    server.executableURL = URL(fileURLWithPath: Self.binary)
    server.arguments = ["serve", "--config", config]
    server.environment = ["PATH": "/usr/bin:/bin"]
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    server.standardError = handle
    server.standardOutput = handle
    try server.run()
    defer { if server.isRunning { server.terminate() } }
    func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
    let deadline = ContinuousClock.now + .seconds(30)
    while !logText().contains("liaisond serve is running"), server.isRunning,
      ContinuousClock.now < deadline
    {
      try await Task.sleep(for: .milliseconds(50))
    }
    let text = logText()
    #expect(text.contains("liaisond serve starting"), "\(text)")
    #expect(text.contains("version=\(Self.version)"), "\(text)")
    #expect(text.contains("config=\(config)"), "\(text)")
    #expect(text.contains("store=\(dir.sub("state"))"), "\(text)")
    let running = try #require(
      text.split(separator: "\n").first { $0.contains("liaisond serve is running") })
    let port = try #require(running.split(separator: ":").last.flatMap { Int($0) })
    #expect(port > 0)
    let feed = try Self.curl("http://127.0.0.1:\(port)/feeds/recent.atom")
    #expect(feed.contains("https://liaisons.example.test/ls/"), "\(feed)")

    let busy = try dir.write(
      "busy.yaml",
      DaemonLifecycleTests.yaml(dir).replacingOccurrences(
        of: "web:\n  listen: 127.0.0.1:0", with: "web:\n  listen: 127.0.0.1:\(port)"))
    let second = try Self.run(["serve", "--config", busy])
    #expect(second.status == 69, "\(second.stderr)")
    #expect(
      second.stderr.contains(
        "cannot listen on 127.0.0.1:\(port) (web.listen): the address is already in use"),
      "\(second.stderr)")

    kill(server.processIdentifier, SIGTERM)
    let stopDeadline = ContinuousClock.now + .seconds(30)
    while server.isRunning, ContinuousClock.now < stopDeadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(server.terminationStatus == 0, "\(logText())")
    #expect(logText().contains("liaisond serve stopped"), "\(logText())")
  }

  static var version: String {
    (try? run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "?"
  }

  static func curl(_ url: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sS", "--max-time", "10", url]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test("backup and verify on the command line: a sound copy passes, a damaged file is named (65)")
  func backupAndVerify() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let mail = Self.root.appendingPathComponent("fixtures/mail").path
    let files = try FileManager.default.contentsOfDirectory(atPath: mail)
      .filter { $0.hasSuffix(".eml") }.sorted().prefix(6).map { "\(mail)/\($0)" }
    let store = dir.sub("state")
    #expect(try Self.run(["ingest", "--store", store] + files).status == 0)
    let copy = dir.sub("copy")
    let backup = try Self.run(["backup", "--store", store, copy])
    #expect(backup.status == 0, "\(backup.stderr)")
    #expect(backup.stdout.contains("\(copy): 6 records"), "\(backup.stdout)")
    let sound = try Self.run(["verify", copy])
    #expect(sound.status == 0, "\(sound.stderr)")
    #expect(sound.stdout.hasPrefix("\(copy): OK (6 records"), "\(sound.stdout)")
    // Into a directory that is not empty: refused, naming it.
    let again = try Self.run(["backup", "--store", store, copy])
    #expect(again.status == 64 && again.stderr.contains("\(copy)"), "\(again.stderr)")

    let attachments = copy + "/attachments"
    let damaged = try #require(
      FileManager.default.subpathsOfDirectory(atPath: attachments).sorted()
        .first { $0.count == 65 && !$0.hasPrefix("tmp") })
    try Data("damaged".utf8).write(to: URL(fileURLWithPath: "\(attachments)/\(damaged)"))
    let broken = try Self.run(["verify", copy])
    #expect(broken.status == 65)
    #expect(
      broken.stderr.contains("liaisond verify: \(attachments)/\(damaged): damaged"),
      "\(broken.stderr)")
    #expect(broken.stderr.contains("1 problem; this copy is not sound"), "\(broken.stderr)")
  }
}
