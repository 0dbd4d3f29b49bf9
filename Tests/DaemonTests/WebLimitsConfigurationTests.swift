import Foundation
import Testing
import Web

@testable import Daemon

/// `web.idle_timeout`, `web.header_timeout`, `web.max_header_bytes` and `web.max_body_bytes`
/// (issue 16): read into the web listener's limits, defaults as before, mistakes reported.
@Suite struct WebLimitsConfigurationTests {
  @Test("the four keys reach the web listener; without them the defaults hold")
  func keysReachTheListener() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let plain = try dir.write("plain.yaml", ConfigurationLoaderTests.validYAML(dir))
    let defaults = await ConfigurationLoader(environment: [:]).check(path: plain)
    #expect(defaults.issues.isEmpty, "\(defaults.issues.map(\.description))")
    #expect(defaults.configuration.webOptions.limits == WebLimits())
    #expect(WebLimits().idleTimeout == .seconds(30) && WebLimits().headerTimeout == .seconds(30))
    #expect(WebLimits().maxHeaderBytes == 16_384 && WebLimits().maxRequestBytes == 65_536)

    let path = try dir.write(
      "liaisond.yaml",
      ConfigurationLoaderTests.validYAML(
        dir,
        extra: """
          web:
            max_connections: 40
            idle_timeout: 2m
            header_timeout: 5s
            max_header_bytes: 8192
            max_body_bytes: 1024
          """))
    let outcome = await ConfigurationLoader(environment: ["WEB_MAX_BODY_BYTES": "2048"])
      .check(path: path)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let limits = outcome.configuration.webOptions.limits
    #expect(limits.maxConnections == 40)
    #expect(limits.idleTimeout == .seconds(120))
    #expect(limits.headerTimeout == .seconds(5))
    #expect(limits.maxHeaderBytes == 8192)
    #expect(limits.maxRequestBytes == 2048, "the environment overrides the file")
  }

  @Test("a value out of range is reported against its key, and the default kept")
  func mistakes() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let path = try dir.write(
      "liaisond.yaml",
      ConfigurationLoaderTests.validYAML(
        dir,
        extra: """
          web:
            idle_timeout: 30
            header_timeout: 2h
            max_header_bytes: 10
            max_body_bytes: lots
          """))
    let outcome = await ConfigurationLoader(environment: [:]).check(path: path)
    let keys = Set(outcome.issues.map(\.key))
    #expect(
      keys == [
        "web.idle_timeout", "web.header_timeout", "web.max_header_bytes", "web.max_body_bytes",
      ],
      "\(outcome.issues.map(\.description))")
    #expect(outcome.issues.allSatisfy { $0.kind == .invalidValue })
    #expect(outcome.configuration.webLimits == WebLimits())
  }
}
