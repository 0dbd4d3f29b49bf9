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

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
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

  @Test("the committed man page (docs/liaisond.1) has every subcommand and option of the binary")
  func manPageIsCurrent() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let page = try String(
      contentsOf: root.appendingPathComponent("docs/liaisond.1"), encoding: .utf8)
    let sections = page.components(separatedBy: "\n.It Em ")
    let help = try Self.run(["--help"]).stdout
    let subcommands =
      help.components(separatedBy: "SUBCOMMANDS:").last?
      .split(separator: "\n").compactMap { line -> String? in
        // "  name   abstract"; wrapped abstracts are indented further.
        guard line.hasPrefix("  "), !line.hasPrefix("   "),
          let name = line.split(separator: " ").first,
          name.allSatisfy({ $0.isLowercase || $0 == "-" })
        else { return nil }
        return String(name)
      } ?? []
    #expect(subcommands.count >= 10, "\(help)")
    for name in subcommands {
      guard let section = sections.first(where: { $0.hasPrefix(name + "\n") }) else {
        Issue.record("docs/liaisond.1 lacks the subcommand \(name): run scripts/make-manpage")
        continue
      }
      let options =
        try Self.run([name, "--help"]).stdout
        .components(separatedBy: "OPTIONS:").last?.split(separator: "\n")
        .filter { $0.drop(while: { $0 == " " }).hasPrefix("-") }
        .flatMap { $0.split(separator: " ").filter { $0.hasPrefix("--") } }
        .map { String($0.prefix { $0 != "," && $0 != "=" }) } ?? []
      #expect(!options.isEmpty)
      for option in options {
        // mdoc: `.It Fl -once`, or `.It Fl h , -help` for a flag with a short name.
        let flag = "-" + option.dropFirst(2)
        #expect(
          section.contains("Fl " + flag) || section.contains(", " + flag),
          "docs/liaisond.1 lacks \(name) \(option): run scripts/make-manpage")
      }
    }
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
    #expect(lines.last == "\(path): 5 problems")
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
  }
}
