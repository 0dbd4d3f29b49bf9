import Daemon
import Foundation
import Liaison
import Testing

@Suite("Configuration: trust and approval")
struct TrustConfigurationTests {
  func check(_ dir: TemporaryDirectory, _ extra: String, environment: [String: String] = [:])
    async throws -> ConfigurationLoader.Outcome
  {
    try dir.write("imap.pass", "x")
    let path = try dir.write(
      "liaisond.yaml", ConfigurationLoaderTests.validYAML(dir, extra: extra))
    return await ConfigurationLoader(environment: environment).check(path: path)
  }

  @Test("without trust.authserv_id, check-config warns that commands by mail are off")
  func missingAuthservIDIsWarned() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let outcome = try await check(dir, "")
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let c = outcome.configuration
    #expect(c.trust.authservIDs.isEmpty)
    #expect(c.extractorOptions.trustedAuthservIDs.isEmpty)
    let warning = try #require(c.warnings.first { $0.key == "trust.authserv_id" })
    #expect(warning.description.contains("commands by mail are off"))
    // Defaults.
    #expect(c.trust.outsideRecipientDailyLimit == 10)
    #expect(c.approval.expireAfter == .days(14))
    #expect(c.trust.tokenKey == nil)
  }

  @Test("a full trust section is read, and nothing is warned")
  func fullSection() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let key = try dir.write("token-key", String(repeating: "z", count: 40))
    let outcome = try await check(
      dir,
      """
      trust:
        authserv_id: [MX.iab.org, mx2.iab.org]
        token_key_file: \(key)
        outside_recipient_daily_limit: 3
      approval:
        expire_after: 7d
      """)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let c = outcome.configuration
    #expect(c.trust.authservIDs == ["mx.iab.org", "mx2.iab.org"])
    #expect(c.extractorOptions.trustedAuthservIDs == ["mx.iab.org", "mx2.iab.org"])
    #expect(c.trust.tokenKeyFile == key)
    #expect(c.trust.tokenKey != nil)
    #expect("\(c.trust)".contains("<redacted>"))
    #expect(!"\(c.trust)".contains("zzzz"))
    #expect(c.trust.outsideRecipientDailyLimit == 3)
    #expect(c.approval.expireAfter == .days(7))
    #expect(c.trustKeyWarnings.isEmpty, "\(c.warnings.map(\.description))")
  }

  @Test("a token key under 32 bytes is refused, naming the file and its size")
  func shortKeyIsRefused() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let key = try dir.write("short-key", "0123456789abcdef0123456789abcde")  // 31 bytes
    let outcome = try await check(
      dir, "trust:\n  authserv_id: [mx.iab.org]\n  token_key_file: \(key)\n")
    let issue = try #require(outcome.issues.first { $0.key == "trust.token_key_file" })
    #expect(outcome.issues.count == 1, "\(outcome.issues.map(\.description))")
    #expect(issue.kind == .invalidValue)
    #expect(issue.description.contains("\(key): the token key is 31 bytes; at least 32"))
    #expect(!issue.description.contains("0123456789"), "the key itself is never shown")
  }

  @Test("an unreadable token key file and bad values are reported, each with its key")
  func badValues() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let outcome = try await check(
      dir,
      """
      trust:
        authserv_id: ["mx.iab.org; dkim=pass", "two words"]
        token_key_file: /nonexistent/liaisond/token-key
        outside_recipient_daily_limit: lots
      approval:
        expire_after: soon
      """)
    let lines = outcome.issues.map(\.description)
    #expect(outcome.issues.count == 5, "\(lines)")
    #expect(outcome.issues.filter { $0.key == "trust.authserv_id" }.count == 2)
    #expect(
      lines.contains {
        $0.contains("trust.token_key_file: cannot read the token key file /nonexistent/liaisond")
      })
    #expect(lines.contains { $0.contains("trust.outside_recipient_daily_limit: \"lots\"") })
    #expect(lines.contains { $0.contains("approval.expire_after: \"soon\" is not a duration") })
  }

  @Test("the token key may be a systemd credential, by name or by default")
  func credentialKey() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let credentials = dir.sub("credentials")
    try dir.write("credentials/token-key", String(repeating: "c", count: 32))
    // With $CREDENTIALS_DIRECTORY the bare `imap.pass` is a credential name too.
    try dir.write("credentials/imap.pass", "x")
    let byDefault = try await check(
      dir, "trust:\n  authserv_id: [mx.iab.org]\n",
      environment: ["CREDENTIALS_DIRECTORY": credentials])
    #expect(byDefault.issues.isEmpty, "\(byDefault.issues.map(\.description))")
    #expect(byDefault.configuration.trust.tokenKeyFile == "\(credentials)/token-key")
    #expect(byDefault.configuration.trustKeyWarnings.isEmpty)

    try dir.write("credentials/other", String(repeating: "d", count: 32))
    let named = try await check(
      dir, "trust:\n  authserv_id: [mx.iab.org]\n  token_key_file: other\n",
      environment: ["CREDENTIALS_DIRECTORY": credentials])
    #expect(named.configuration.trust.tokenKeyFile == "\(credentials)/other")
    #expect(named.configuration.trust.tokenKey != byDefault.configuration.trust.tokenKey)
  }
}

extension LiaisondConfiguration {
  /// The warnings about `trust.*` alone (the test file's sender is also the default IAB
  /// contact, which is warned about separately).
  var trustKeyWarnings: [ConfigurationIssue] {
    warnings.filter { $0.key?.hasPrefix("trust.") == true }
  }
}
