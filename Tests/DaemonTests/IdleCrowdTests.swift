import Foundation
import Liaison
import MailBenchSupport
import Store
import Testing

@testable import Daemon

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 16's crowd: 1,100 idle connections held against `liaisond run` (its own process,
/// held to 512 descriptors, so that its web cap must be lowered to fit) while mail arrives
/// on the real bench; the mail is still recorded within two poll intervals. Before the web
/// listener was bounded, such a crowd took every descriptor and IMAP failed with "curl
/// error 7"; before its cap was fitted to the limit, a limit of 512 did the same.
///
/// The crowd is held by a child process: with over 1,024 descriptors open in the test
/// process, Foundation's `Process.run()` in a test running beside this one can crash.
@Suite("1,100 idle web connections against liaisond run, on the mail bench", .serialized)
struct IdleCrowdTests {
  static let crowd = 1_100
  static let pollSeconds = 10
  static let daemonLimit = 512

  @Test("1,100 idle connections: arriving mail is recorded within two poll intervals")
  func idleCrowdAgainstRun() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let webPort = try #require(Self.freePort())
      let yaml = try bench.configurationYAML(dir)
        .replacingOccurrences(of: "poll_interval: 1s", with: "poll_interval: \(Self.pollSeconds)s")
        .replacingOccurrences(
          of: "web:\n  listen: 127.0.0.1:0\n", with: "web:\n  listen: 127.0.0.1:\(webPort)\n")
      #expect(yaml.contains("listen: 127.0.0.1:\(webPort)"))
      #expect(yaml.contains("poll_interval: \(Self.pollSeconds)s"))
      let path = try dir.write("liaisond.yaml", yaml)
      let log = dir.sub("daemon.log")
      #expect(FileManager.default.createFile(atPath: log, contents: nil))
      let daemon = Process()
      daemon.executableURL = URL(fileURLWithPath: "/bin/sh")
      // Soft and hard limit alike: the daemon cannot raise it and must fit in it.
      daemon.arguments = [
        "-c", "ulimit -n \(Self.daemonLimit) && exec \"$0\" run --config \"$1\"",
        CommandLineTests.binary, path,
      ]
      daemon.environment = ["PATH": "/usr/bin:/bin"]
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      daemon.standardError = handle
      daemon.standardOutput = handle
      try daemon.run()
      defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
      func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
      _ = try await WebSaturationTests.wait(seconds: 60) {
        logText().contains("liaisond is running") ? true : nil
      }
      try #require(daemon.isRunning, "\(logText())")
      #expect(
        logText().contains("web.max_connections lowered from 256 to 111"),
        "\(logText().suffix(2000))")

      let crowd = try CrowdHolder(port: webPort, count: Self.crowd, directory: dir)
      defer { crowd.stop() }
      let held = try await WebSaturationTests.wait(seconds: 60) { crowd.held }
      #expect(held == Self.crowd, "every idle connection is open on the client's side")
      // The server takes what its cap allows; the rest wait in the kernel's queue.
      try await Task.sleep(for: .seconds(1))

      let store = try LiaisonStore(directory: dir.sub("state"))
      let arrived = ContinuousClock.now
      try await bench.append([
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path
      ])
      _ = try await WebSaturationTests.wait(seconds: 4 * Self.pollSeconds) {
        (try? store.export().contains { $0.statement.title?.hasPrefix("LS on OTN") == true })
          == true ? true : nil
      }
      let waited = ContinuousClock.now - arrived
      #expect(
        waited <= .seconds(2 * Self.pollSeconds),
        "recorded \(waited) after it arrived, with \(held) idle connections held")
      #expect(daemon.isRunning)
      let text = logText()
      #expect(!text.contains("curl error 7"), "\(text.suffix(2000))")
      #expect(!text.contains("Too many open files"), "\(text.suffix(2000))")

      #expect(await crowd.release(), "the crowd's holder ends when its input closes")
      daemon.terminate()
      _ = try await WebSaturationTests.wait(seconds: 60) { daemon.isRunning ? nil : true }
      #expect(daemon.terminationStatus == 0, "\(logText().suffix(2000))")
    }
  }

  /// A child process that opens `count` connections to 127.0.0.1:`port` without waiting
  /// for the server to accept them (as idle clients hold them), writes how many it holds,
  /// and holds them until its standard input closes.
  final class CrowdHolder: Sendable {
    static let script = """
      import os, resource, socket, sys
      port, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
      soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
      resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
      held = []
      for _ in range(count):
          s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
          s.setblocking(False)
          if s.connect_ex(("127.0.0.1", port)) in (0, 115):
              held.append(s)
          else:
              s.close()
      with open(out + ".tmp", "w") as f:
          f.write(str(len(held)))
      os.rename(out + ".tmp", out)
      sys.stdin.buffer.read()
      """

    let process = Process()
    let input = Pipe()
    let countFile: String

    init(port: Int, count: Int, directory: TemporaryDirectory) throws {
      countFile = directory.sub("crowd-held")
      process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
      process.arguments = ["-c", Self.script, "\(port)", "\(count)", countFile]
      process.standardInput = input
      try process.run()
    }

    /// How many connections the holder opened, once it has opened them all.
    var held: Int? {
      (try? String(contentsOfFile: countFile, encoding: .utf8)).flatMap { Int($0) }
    }

    /// Closes the holder's input; true when it ended of itself within 10 seconds.
    func release() async -> Bool {
      try? input.fileHandleForWriting.close()
      let ended =
        (try? await WebSaturationTests.wait(seconds: 10) {
          process.isRunning ? nil : true
        }) ?? false
      stop()
      return ended
    }

    /// SIGKILL: `swift test` hands its children a mask that blocks SIGTERM.
    func stop() {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
  }

  /// A port free on 127.0.0.1 now (the daemon binds it next).
  static func freePort() -> Int? {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return nil }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
  }
}
