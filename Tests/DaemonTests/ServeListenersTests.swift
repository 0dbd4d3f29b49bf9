import Foundation
import Store
import Testing

/// `liaisond serve` has the same two listeners as `run` (issue 16): the public record,
/// and `/metrics` + `/healthz` apart from it.
@Suite("liaisond serve's listeners", .serialized)
struct ServeListenersTests {
  @Test(
    "/healthz answers on --observability-listen and not on the public listener; SIGTERM stops serve"
  )
  func monitorIsApartFromTheRecord() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try LiaisonStore(directory: dir.sub("state"))
    let log = dir.sub("serve.log")
    #expect(FileManager.default.createFile(atPath: log, contents: nil))
    let serve = Process()
    serve.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
    serve.arguments = [
      "serve", "--store", dir.sub("state"), "--listen", "127.0.0.1:0",
      "--observability-listen", "127.0.0.1:0",
    ]
    serve.environment = ["PATH": "/usr/bin:/bin"]
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    serve.standardError = handle
    serve.standardOutput = handle
    try serve.run()
    defer { if serve.isRunning { serve.terminate() } }

    func port(after marker: String) async throws -> Int {
      try await WebSaturationTests.wait(seconds: 90) {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // The start-up line names the configured port (0); the running lines the bound one.
        guard let range = text.range(of: marker, options: .backwards),
          let port = Int(text[range.upperBound...].prefix { $0.isNumber }), port != 0
        else { return nil }
        return port
      }
    }
    let web = try await port(after: "web.listen=127.0.0.1:")
    let monitor = try await port(after: "observability.listen=127.0.0.1:")
    #expect(web != monitor)

    let health = try await WebSaturationTests.request("/healthz", port: monitor)
    #expect(health.hasPrefix("HTTP/1.1 200"), "\(health.prefix(300))")
    #expect(health.contains(#""status":"ok""#))
    let metrics = try await WebSaturationTests.request("/metrics", port: monitor)
    #expect(metrics.contains("liaisond_healthy 1"), "\(metrics.suffix(300))")
    let publicHealth = try await WebSaturationTests.request("/healthz", port: web)
    #expect(publicHealth.hasPrefix("HTTP/1.1 404"), "\(publicHealth.prefix(300))")

    kill(serve.processIdentifier, SIGTERM)
    let deadline = ContinuousClock.now + .seconds(30)
    while serve.isRunning, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(!serve.isRunning)
    #expect(serve.terminationStatus == 0)
  }
}
