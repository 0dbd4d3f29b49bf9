import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing

@testable import Web

/// Headless Chromium against a live server: screenshots for people to look at, and the
/// DOM as the browser built it, to prove hostile values stayed text.
@Suite("Real browser (headless Chromium)", .serialized)
struct BrowserTests {
  static let outputDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("test-output/web")

  static func chromium() async throws -> String {
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    where FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    let install = try await ProcessRunner.run(
      "/usr/bin/env",
      ["DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "chromium"],
      timeout: 600)
    try #require(install.status == 0, "apt-get install chromium failed: \(install.stderr)")
    return "/usr/bin/chromium"
  }

  /// Runs the test against a SQLite store seeded with the fixtures, served on 127.0.0.1
  /// at a random port; `ids` maps fixture ids to the ids the store gave.
  static func withSite(
    _ body:
      @Sendable @escaping (_ base: String, _ chromium: String, _ ids: [String: String]) async throws
      -> Void
  )
    async throws
  {
    let chromium = try await chromium()
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    var logger = Logger(label: "web-browser-test")
    logger.logLevel = .warning
    let store = try LiaisonStore.temporary()
    let ids = try StoreSeeding.seed(
      store, with: WebFixtures.all, raw: WebFixtures.repository.rawMessages)
    let app = try buildApplication(
      repository: store,
      options: WebOptions(host: "127.0.0.1", port: 0, publicURL: "http://127.0.0.1"),
      logger: logger, now: { WebTestSupport.now })
    try await app.test(.live) { client in
      let port = try #require(client.port)
      try await body("http://127.0.0.1:\(port)", chromium, ids)
    }
  }

  static func browserArguments(_ profile: String) -> [String] {
    [
      "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
      "--disable-dev-shm-usage", "--user-data-dir=\(profile)",
    ]
  }

  static func screenshot(_ chromium: String, url: String, file: String, width: Int, height: Int)
    async throws -> URL
  {
    let target = outputDirectory.appendingPathComponent(file)
    try? FileManager.default.removeItem(at: target)
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "web-chromium-\(UUID())"
    ).path
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let result = try await ProcessRunner.run(
      chromium,
      browserArguments(profile) + [
        "--screenshot=\(target.path)", "--window-size=\(width),\(height)", url,
      ])
    #expect(result.status == 0, "chromium failed: \(result.stderr)")
    return target
  }

  static func dumpDOM(_ chromium: String, url: String) async throws -> String {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "web-chromium-\(UUID())"
    ).path
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let result = try await ProcessRunner.run(
      chromium, browserArguments(profile) + ["--dump-dom", url])
    #expect(result.status == 0, "chromium failed: \(result.stderr)")
    return result.stdout
  }

  /// The element tags of serialised HTML: text `<` is always `&lt;` in a DOM dump.
  static func tags(in html: String) -> [String] {
    var tags: [String] = []
    var rest = html[...]
    while let open = rest.firstIndex(of: "<") {
      let tail = rest[rest.index(after: open)...]
      guard let close = tail.firstIndex(of: ">") else { break }
      tags.append(String(tail[..<close]))
      rest = tail[tail.index(after: close)...]
    }
    return tags
  }

  static func isPNG(_ url: URL) -> Bool {
    guard let data = try? Data(contentsOf: url), data.count > 1000 else { return false }
    return data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }

  @Test("the list, a statement and /iab render; screenshots at desktop and phone widths")
  func screenshots() async throws {
    try await Self.withSite { base, chromium, ids in
      let pages = [
        ("list", "/"), ("statement", "/ls/\(ids["LS-2026-0001"]!)"), ("iab", "/iab"),
        ("hostile", "/ls/\(ids["LS-2026-0007"]!)"), ("proprietary", "/ls/\(ids["LS-2026-0002"]!)"),
      ]
      for (name, path) in pages {
        let desktop = try await Self.screenshot(
          chromium, url: base + path, file: "\(name)-1280.png", width: 1280, height: 1400)
        #expect(Self.isPNG(desktop), "\(desktop.path)")
        let phone = try await Self.screenshot(
          chromium, url: base + path, file: "\(name)-390.png", width: 390, height: 1600)
        #expect(Self.isPNG(phone), "\(phone.path)")
      }
    }
  }

  @Test("hostile values are text in the browser's DOM, and nothing ran")
  func hostileIsText() async throws {
    try await Self.withSite { base, chromium, ids in
      for path in ["/ls/\(ids["LS-2026-0007"]!)", "/", "/iab"] {
        let dom = try await Self.dumpDOM(chromium, url: base + path)
        #expect(dom.contains("</html>"), "\(path): no DOM dumped")
        // The payloads are in the page as text...
        #expect(
          dom.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"),
          "\(path)")
        // ...and none became an element or an attribute, nor ran.
        #expect(!dom.contains("data-pwned=\""), "\(path): a payload ran")
        for element in ["<script", "<img", "<svg", "<iframe", "<marquee", "<style", "<b "] {
          #expect(!dom.contains(element), "\(path): \(element) became an element")
        }
        let handlers = Self.tags(in: dom).filter { tag in
          tag.split(whereSeparator: { $0 == " " || $0 == "\n" }).dropFirst()
            .contains { $0.lowercased().hasPrefix("on") }
        }
        #expect(handlers == [], "\(path): event-handler attributes in the DOM")
      }
    }
  }
}
