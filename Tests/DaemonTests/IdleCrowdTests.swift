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
/// held to 1,024 descriptors as on a default machine) while mail arrives on the real
/// bench; the mail is still recorded within two poll intervals. Before the web listener
/// was bounded, such a crowd took every descriptor and IMAP failed with "curl error 7".
@Suite("1,100 idle web connections against liaisond run, on the mail bench", .serialized)
struct IdleCrowdTests {
  static let crowd = 1_100
  static let pollSeconds = 10

  @Test("1,100 idle connections: arriving mail is recorded within two poll intervals")
  func idleCrowdAgainstRun() async throws {
    let available = DescriptorLimit.raise()
    try #require(available >= Self.crowd + 256, "the test needs \(Self.crowd + 256) descriptors")
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
      // Soft and hard limit 1,024: the daemon cannot raise it, as on a default machine.
      daemon.arguments = [
        "-c", "ulimit -n 1024 && exec \"$0\" run --config \"$1\"", CommandLineTests.binary, path,
      ]
      daemon.environment = ["PATH": "/usr/bin:/bin"]
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      daemon.standardError = handle
      daemon.standardOutput = handle
      try daemon.run()
      defer { if daemon.isRunning { daemon.terminate() } }
      func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
      _ = try await WebSaturationTests.wait(seconds: 60) {
        logText().contains("liaisond is running") ? true : nil
      }
      try #require(daemon.isRunning, "\(logText())")

      var idle: [Int32] = []
      defer { idle.forEach { close($0) } }
      for _ in 0..<Self.crowd {
        if let socket = Self.connectWithoutWaiting(port: webPort) { idle.append(socket) }
      }
      #expect(idle.count == Self.crowd, "every idle connection is open on the client's side")
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
        "recorded \(waited) after it arrived, with \(idle.count) idle connections held")
      #expect(daemon.isRunning)
      let text = logText()
      #expect(!text.contains("curl error 7"), "\(text.suffix(2000))")
      #expect(!text.contains("Too many open files"), "\(text.suffix(2000))")

      idle.forEach { close($0) }
      idle = []
      daemon.terminate()
      _ = try await WebSaturationTests.wait(seconds: 60) { daemon.isRunning ? nil : true }
      #expect(daemon.terminationStatus == 0, "\(logText().suffix(2000))")
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

  /// A connection begun to 127.0.0.1:`port` without waiting for the server to accept it
  /// (beyond the kernel's queue, the handshake completes later or never): the descriptor
  /// is held either way, as an idle client holds it.
  static func connectWithoutWaiting(port: Int) -> Int32? {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return nil }
    _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 || errno == EINPROGRESS else {
      close(socket)
      return nil
    }
    return socket
  }
}
