import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Logging
import MailBenchSupport
import ServiceLifecycle
import Store
import Testing
import Web
import Workflow

@testable import Daemon

#if canImport(Glibc)
  import Glibc
#endif

/// A crowd of idle web clients cannot stop the gateway (issue 16): beyond
/// `web.max_connections` a client is answered 503, the monitor's own listener still
/// answers, and mail arriving meanwhile is recorded.
@Suite("The web record under idle connections, on the mail bench", .serialized)
struct WebSaturationTests {
  @Test(
    "300 idle connections against a cap of 50: a new request gets 503, /healthz still answers, and arriving mail is recorded"
  )
  func idleCrowd() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let path = try dir.write(
        "liaisond.yaml",
        try bench.configurationYAML(dir).replacingOccurrences(
          of: "web:\n  listen: 127.0.0.1:0\n",
          with: "web:\n  listen: 127.0.0.1:0\n  max_connections: 50\n"))
      #expect(try String(contentsOfFile: path, encoding: .utf8).contains("max_connections: 50"))
      let daemon = try await LiaisonDaemon.forTest(path: path, clock: SystemClock())
      let ports = PortBox()
      let group = try await daemon.makeServiceGroup(signals: false) { port in ports.set(port) }
      try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let webPort = try await ports.wait()
        let monitorPort = try await Self.wait { daemon.observabilityPort.value }

        var idle: [Int32] = []
        defer { idle.forEach { close($0) } }
        for _ in 0..<300 {
          if let socket = LoopbackSocket.connect(port: webPort) { idle.append(socket) }
        }
        #expect(idle.count == 300, "the kernel took every connection (backlog)")

        // The served slots are taken by idle clients: a new request is refused, not held.
        let answer = try await Self.request("/", port: webPort)
        #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer.prefix(200))")

        let health = try await Self.request("/healthz", port: monitorPort)
        #expect(health.hasPrefix("HTTP/1.1 "), "the monitor answers: \(health.prefix(200))")

        try await bench.append([
          MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path
        ])
        let recorded = try await Self.wait(seconds: 60) {
          try? daemon.store.export().contains { $0.statement.title?.hasPrefix("LS on OTN") == true }
            ? true : nil
        }
        #expect(recorded)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
      }
    }
  }

  @Test("a request body over the limit is a 413 and its connection closed; the listener goes on")
  func oversizedRequest() async throws {
    var options = WebOptions(host: "127.0.0.1", port: 0, publicURL: "http://127.0.0.1")
    options.limits.maxRequestBytes = 1024
    let app = try buildApplication(
      repository: try LiaisonStore.temporary(), options: options,
      logger: Logger(label: "web-limits") { _ in SwiftLogNoOpLogHandler() })
    try await app.test(.live) { client in
      let port = try #require(client.port)
      let refused = try await LoopbackSocket.exchange(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4096\r\n\r\n", port: port)
      #expect(refused.hasPrefix("HTTP/1.1 413"), "\(refused.prefix(200))")
      let served = try await Self.request("/", port: port)
      #expect(served.hasPrefix("HTTP/1.1 200"), "\(served.prefix(200))")
    }
  }

  @Test(
    "a request head trickling in is cut at web.header_timeout; a quiet connection is the idle timeout's"
  )
  func slowHeader() async throws {
    var options = WebOptions(host: "127.0.0.1", port: 0, publicURL: "http://127.0.0.1")
    options.limits.headerTimeout = .seconds(1)
    options.limits.idleTimeout = .seconds(60)
    let app = try buildApplication(
      repository: try LiaisonStore.temporary(), options: options,
      logger: Logger(label: "web-limits") { _ in SwiftLogNoOpLogHandler() })
    try await app.test(.live) { client in
      let port = try #require(client.port)
      // Begun and never finished: closed, unanswered, long before the idle timeout.
      let slow = try #require(LoopbackSocket.connect(port: port))
      defer { close(slow) }
      LoopbackSocket.receiveTimeout(slow, seconds: 30)
      _ = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".withCString { send(slow, $0, strlen($0), 0) }
      let started = ContinuousClock.now
      let received = try await LoopbackSocket.offThePool {
        var byte: UInt8 = 0
        return recv(slow, &byte, 1, 0)
      }
      #expect(received == 0, "the server closed the connection without an answer")
      #expect(ContinuousClock.now - started < .seconds(30), "before the idle timeout")

      // Quiet for longer than the header timeout, then a whole request: served.
      let quiet = try #require(LoopbackSocket.connect(port: port))
      defer { close(quiet) }
      try await Task.sleep(for: .milliseconds(1500))
      LoopbackSocket.receiveTimeout(quiet, seconds: 30)
      _ = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".withCString {
        send(quiet, $0, strlen($0), 0)
      }
      let answer = try await LoopbackSocket.offThePool {
        LoopbackSocket.receiveUntilClosed(quiet)
      }
      #expect(answer.hasPrefix("HTTP/1.1 200"))
    }
  }

  /// The port `onReady` reports.
  final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) { lock.withLock { port = value } }

    func wait() async throws -> Int {
      try await WebSaturationTests.wait { self.lock.withLock { self.port } }
    }
  }

  static func wait<T>(seconds: Int = 30, _ value: () -> T?) async throws -> T {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if let value = value() { return value }
      try await Task.sleep(for: .milliseconds(20))
    }
    // A last look: on a busy machine this task may have slept past the deadline while the
    // value arrived.
    if let value = value() { return value }
    throw MailBench.BenchError(description: "not there within \(seconds) s")
  }

  /// One GET on a fresh connection; what came back until the server closed (or 60 s: it
  /// waits in the kernel's backlog behind the idle ones while the server sheds them).
  static func request(_ path: String, port: Int) async throws -> String {
    try await LoopbackSocket.exchange(
      "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
  }
}
