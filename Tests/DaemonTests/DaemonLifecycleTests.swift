import Daemon
import Foundation
import Logging
import Testing
import Workflow

@Suite("Daemon lifecycle: the instance lock and SIGHUP reloads")
struct DaemonLifecycleTests {
  /// A daemon configuration whose servers are never contacted by these tests.
  static func yaml(_ dir: TemporaryDirectory, pollInterval: String = "60s", extra: String = "")
    -> String
  {
    """
    imap:
      url: imap://127.0.0.1:9/INBOX
      username: liaison
      password: not-used
      poll_interval: \(pollInterval)
    smtp:
      url: smtp://127.0.0.1:9
      from: "Liaison Gateway <liaison-coordination@example.org>"
    store:
      path: \(dir.sub("state"))
    observability:
      listen: 127.0.0.1:0
    web:
      listen: 127.0.0.1:0
    \(extra)
    """
  }

  static func start(_ path: String) async throws -> LiaisonDaemon {
    let loader = ConfigurationLoader(environment: [:])
    let configuration = try await loader.load(path: path)
    return try LiaisonDaemon(
      configuration: configuration, configurationPath: path, loader: loader,
      notifier: SystemdNotifier(environment: [:]),
      clock: TestClock(now: Date(timeIntervalSince1970: 1_795_000_000)),
      logger: Logger(label: "test"))
  }

  @Test("a second daemon on the same store refuses to start and names the lock and the holder")
  func instanceLock() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", Self.yaml(dir))
    let first = try await Self.start(path)
    do {
      _ = try await Self.start(path)
      Issue.record("the second daemon started")
    } catch let error as DaemonError {
      guard case .alreadyRunning = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(error.description.contains(dir.sub("state/liaisond.lock")))
      #expect(error.description.contains("process \(getpid())"))
    }
    #expect(await first.generation == 1)
  }

  @Test("the lock is released with the daemon: a new one starts")
  func lockReleased() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", Self.yaml(dir))
    var first: LiaisonDaemon? = try await Self.start(path)
    #expect(first != nil)
    first = nil
    let second = try await Self.start(path)
    #expect(await second.generation == 1)
  }

  @Test("a reload with a bad file keeps the running configuration; a good one replaces it")
  func reload() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", Self.yaml(dir))
    let daemon = try await Self.start(path)
    #expect(await daemon.configuration.imap.pollInterval == .seconds(60))

    try dir.write(
      "liaisond.yaml", Self.yaml(dir, pollInterval: "soon", extra: "bogus:\n  key: 1\n"))
    #expect(await daemon.reload() == false)
    #expect(await daemon.generation == 1)
    #expect(await daemon.configuration.imap.pollInterval == .seconds(60))

    try dir.write("liaisond.yaml", "imap: [unclosed\n")
    #expect(await daemon.reload() == false)
    #expect(await daemon.generation == 1)

    let registry = try dir.write("groups.yaml", "not: a registry\n")
    try dir.write("liaisond.yaml", Self.yaml(dir, extra: "routing:\n  registry: \(registry)\n"))
    #expect(await daemon.reload() == false)
    #expect(await daemon.configuration.routing.registry == nil)

    try dir.write(
      "liaisond.yaml",
      Self.yaml(dir, pollInterval: "5s").replacingOccurrences(
        of: dir.sub("state"), with: dir.sub("elsewhere")))
    #expect(await daemon.reload())
    #expect(await daemon.generation == 2)
    #expect(await daemon.configuration.imap.pollInterval == .seconds(5))
    // The open store cannot move under a running daemon: the path is kept until a restart.
    #expect(await daemon.configuration.store.path == dir.sub("state"))
  }
}
