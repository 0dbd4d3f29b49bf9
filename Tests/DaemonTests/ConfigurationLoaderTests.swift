import Daemon
import Foundation
import Liaison
import Testing
import Yams

@Suite("Configuration loading")
struct ConfigurationLoaderTests {
  /// A minimal valid daemon configuration with its store inside `dir`.
  static func validYAML(_ dir: TemporaryDirectory, extra: String = "") -> String {
    """
    imap:
      url: imaps://mail.example.org/INBOX
      username: liaison
      password_file: imap.pass
    smtp:
      url: smtp://127.0.0.1:2525
      from: "IETF Liaison Coordination <liaison-coordination@iab.org>"
    store:
      path: \(dir.sub("state"))
    \(extra)
    """
  }

  @Test("a file with five different mistakes reports all five, each with its key and line")
  func fiveMistakes() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(
      "liaisond.yaml",
      """
      imap:
        url: pop3://mail.example.org/INBOX
        username: liaison
        password_file: /nonexistent/liaisond/imap
        poll_interval: sixty
      smtp:
        url: smtps://mail.example.org
        from: liaison@example.org
        pasword: x
      store:
        path: \(dir.sub("state"))
      acknowledge:
        information: maybe
      """)
    let outcome = await ConfigurationLoader(environment: [:]).check(path: path)
    let lines = outcome.issues.map(\.description)
    #expect(outcome.issues.count == 5, "\(lines)")
    #expect(
      lines.contains(
        "\(path):2: imap.url: scheme \"pop3\" is not supported; use imap:// or imaps://"))
    #expect(
      lines.contains {
        $0.hasPrefix(
          "\(path):4: imap.password_file: cannot read the password file /nonexistent/liaisond/imap")
      })
    #expect(
      lines.contains { $0.hasPrefix("\(path):5: imap.poll_interval: \"sixty\" is not a duration") })
    #expect(lines.contains("\(path):9: smtp.pasword: unknown key; did you mean smtp.password?"))
    #expect(
      lines.contains("\(path):13: acknowledge.information: expected true or false, got \"maybe\""))
    let kinds = Set(outcome.issues.map(\.kind))
    #expect(kinds == [.invalidValue, .unreadableFile, .unknownKey, .wrongType])
  }

  @Test("the example file documents every key liaisond reads, and nothing else")
  func exampleDocumentsEveryKey() throws {
    let example = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
    guard case .mapping(let top)? = try Yams.compose(yaml: example) else {
      Issue.record("the example is not a mapping")
      return
    }
    var documented: [String] = []
    for (section, entries) in top {
      guard case .mapping(let keys) = entries else { continue }
      for (key, _) in keys { documented.append("\(section.string!).\(key.string!)") }
    }
    #expect(documented.sorted() == ConfigurationSchema.keys.map(\.name).sorted())
  }

  @Test("an IAB contact equal to the sender is valid but warned about: liaisond never mails itself")
  func iabContactIsTheSender() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try dir.write("imap.pass", "x")
    let path = try dir.write(
      "liaisond.yaml",
      Self.validYAML(dir, extra: "routing:\n  iab_contact: Liaison-Coordination@iab.org\n"))
    let outcome = await ConfigurationLoader(environment: [:]).check(path: path)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let warnings = outcome.configuration.warnings
    // The file sets no trust section: commands by mail are off, and said so too.
    #expect(
      warnings.map(\.key) == ["routing.iab_contact", "trust.authserv_id", "trust.token_key_file"])
    #expect(warnings.first?.description.contains("never mails its own address") == true)

    let other = try dir.write(
      "other.yaml", Self.validYAML(dir, extra: "routing:\n  iab_contact: iab@iab.org\n"))
    #expect(
      await ConfigurationLoader(environment: [:]).check(path: other).configuration.warnings
        .allSatisfy { $0.key?.hasPrefix("trust.") == true })
  }

  @Test("the example file is valid once the files it names exist")
  func exampleIsValid() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let registry = Self.packageRoot.appendingPathComponent("Sources/Routing/Resources/groups.yaml")
      .path
    let environment = [
      "IMAP_PASSWORD_FILE": try dir.write("imap", "secret-imap\n"),
      "SMTP_PASSWORD_FILE": try dir.write("smtp", "secret-smtp\n"),
      "STORE_PATH": dir.sub("state"),
      "ROUTING_REGISTRY": registry,
      "TRUST_TOKEN_KEY_FILE": try dir.write("token-key", String(repeating: "k", count: 32)),
    ]
    let outcome = await ConfigurationLoader(environment: environment).check(path: Self.examplePath)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let c = outcome.configuration
    #expect(c.warnings.isEmpty, "\(c.warnings.map(\.description))")
    #expect(c.imap.url?.absoluteString == "imaps://mail.example.org/INBOX")
    #expect(c.imap.mailbox == "INBOX")
    #expect(c.imap.password?.reveal() == "secret-imap")
    #expect(c.smtp.password?.reveal() == "secret-smtp")
    #expect(c.smtp.fromAddress == "liaison-coordination@iab.org")
    #expect(c.imap.pollInterval == .seconds(60))
    #expect(c.reminders.beforeDeadline == [.days(14), .days(7), .days(1)])
    #expect(c.reminders.overdueEvery == .days(7))
    #expect(c.web.listen == ListenAddress(host: "127.0.0.1", port: 8080))
    #expect(c.web.publicURL == "https://liaisons.example.org")
    #expect(c.routing.registry == registry)
    #expect(c.health.pollFailureThreshold == .seconds(900))
    #expect(c.sourcePath == Self.examplePath)
    #expect(c.trust.authservIDs == ["mx.iab.org"])
    #expect(c.trust.tokenKey != nil)
    #expect(c.trust.outsideRecipientDailyLimit == 10)
    #expect(c.approval.expireAfter == .days(14))
    #expect(c.extractorOptions.trustedAuthservIDs == ["mx.iab.org"])
  }

  @Test("environment variables override the file, key by key")
  func environmentOverrides() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "from-file\n")
    let path = try dir.write(
      "liaisond.yaml", Self.validYAML(dir, extra: "reminders:\n  before_deadline: [3d]\n"))
    let environment = [
      "IMAP_URL": "imap://127.0.0.1:1143/Liaisons",
      "IMAP_PASSWORD": "from-environment",
      "IMAP_POLL_INTERVAL": "5s",
      "REMINDERS_BEFORE_DEADLINE": "1d,7d",
      "ACKNOWLEDGE_INFORMATION": "false",
    ]
    let outcome = await ConfigurationLoader(environment: environment).check(path: path)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let c = outcome.configuration
    #expect(c.imap.url?.absoluteString == "imap://127.0.0.1:1143/Liaisons")
    #expect(c.imap.mailbox == "Liaisons")
    #expect(c.imap.password?.reveal() == "from-environment")
    #expect(c.imap.pollInterval == .seconds(5))
    #expect(c.reminders.beforeDeadline == [.days(7), .days(1)])
    #expect(c.acknowledge.information == false)
    // Untouched keys keep the file's value.
    #expect(c.smtp.url?.absoluteString == "smtp://127.0.0.1:2525")
  }

  @Test(
    "imap.check_interval is taken from 50ms up to the poll interval, else reported",
    arguments: [
      ("100ms", Duration.milliseconds(100)), ("50ms", .milliseconds(50)), ("59s", .seconds(59)),
      ("10ms", nil), ("60s", nil), ("2m", nil),
    ])
  func checkInterval(text: String, expected: Duration?) async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let path = try dir.write("liaisond.yaml", Self.validYAML(dir))
    let outcome = await ConfigurationLoader(environment: ["IMAP_CHECK_INTERVAL": text])
      .check(path: path)
    #expect(outcome.configuration.imap.checkInterval == expected)
    let keys = outcome.issues.map(\.key)
    #expect(keys == (expected == nil ? ["imap.check_interval"] : []), "\(outcome.issues)")
    if expected == nil {
      #expect(
        outcome.issues.first?.message.contains("is not from 50ms up to imap.poll_interval (1m)")
          == true,
        "\(outcome.issues)")
    }
  }

  @Test("an environment variable of the wrong type is reported against the variable")
  func environmentTypeError() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let path = try dir.write("liaisond.yaml", Self.validYAML(dir))
    let outcome = await ConfigurationLoader(environment: ["ACKNOWLEDGE_INFORMATION": "perhaps"])
      .check(path: path)
    #expect(
      outcome.issues.map(\.description) == [
        "environment variable ACKNOWLEDGE_INFORMATION: acknowledge.information: expected true or false, got \"perhaps\""
      ])
  }

  @Test("password_file: a path, a credential name, and the default credential")
  func secretFiles() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let credentials = dir.sub("credentials")
    try dir.write("credentials/imap.pass", "credential-imap\r\n")
    try dir.write("credentials/smtp", "credential-smtp")
    let path = try dir.write(
      "liaisond.yaml",
      """
      imap:
        url: imaps://mail.example.org/INBOX
        username: liaison
        password_file: imap.pass
      smtp:
        username: liaison
        url: smtp://127.0.0.1:2525
        from: liaison@example.org
      store:
        path: \(dir.sub("state"))
      """)
    let outcome = await ConfigurationLoader(environment: ["CREDENTIALS_DIRECTORY": credentials])
      .check(path: path)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    // `imap.pass` has no slash: a credential name. `smtp` has no password key at all.
    #expect(outcome.configuration.imap.password?.reveal() == "credential-imap")
    #expect(outcome.configuration.smtp.password?.reveal() == "credential-smtp")

    // Without $CREDENTIALS_DIRECTORY the bare name is relative to the configuration file.
    try dir.write("imap.pass", "beside-the-file\n")
    let plain = await ConfigurationLoader(environment: [:]).check(path: path)
    #expect(plain.configuration.imap.password?.reveal() == "beside-the-file")
    #expect(
      plain.issues.map(\.description) == [
        "\(path):6: smtp.password_file: smtp.username is set but no password is: give smtp.password_file, SMTP_PASSWORD, or a systemd credential named smtp"
      ])
  }

  @Test("no secret appears in issues, descriptions or dumps")
  func secretsAreRedacted() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let secret = "hunter2-Sup3rSecret"
    let path = try dir.write(
      "liaisond.yaml",
      """
      imap:
        url: imaps://liaison:\(secret)@mail.example.org/INBOX
        password: \(secret)
      smtp:
        url: smtps://mail.example.org
        password: [\(secret)]
        from: liaison@example.org
      store:
        path: \(dir.sub("state"))
      """)
    let outcome = await ConfigurationLoader(environment: [
      "SMTP_PASSWORD_FILE": "/nonexistent/\(secret.count)"
    ])
    .check(path: path)
    #expect(outcome.issues.count >= 2)
    for issue in outcome.issues {
      #expect(!issue.description.contains(secret), "\(issue)")
    }
    #expect(outcome.configuration.imap.password?.reveal() == secret)
    var dumped = ""
    dump(outcome.configuration, to: &dumped)
    for rendering in [
      dumped, String(describing: outcome.configuration), String(reflecting: outcome.configuration),
      "\(outcome.configuration.imap.password!)",
    ] {
      #expect(!rendering.contains(secret))
    }
    #expect(DaemonError.configuration(outcome.issues).description.contains(secret) == false)
  }

  @Test("a YAML syntax error names the line and not the text on it")
  func syntaxError() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(
      "liaisond.yaml", "imap:\n  password: \"unterminated-s3cret\n  url: x\n")
    let outcome = await ConfigurationLoader(environment: [:]).check(path: path)
    #expect(outcome.issues.first?.kind == .syntax)
    #expect(outcome.issues.first?.location.hasPrefix("\(path):") == true)
    #expect(!outcome.issues.map(\.description).joined().contains("unterminated-s3cret"))
  }

  @Test("the daemon needs the mailbox, the submission server and a sender")
  func requiredForDaemon() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", "store:\n  path: \(dir.sub("state"))\n")
    let daemon = await ConfigurationLoader(environment: [:]).check(path: path, requirement: .daemon)
    #expect(
      Set(daemon.issues.compactMap(\.key)) == ["imap.url", "smtp.url", "smtp.from"])
    #expect(daemon.issues.allSatisfy { $0.kind == .missing })
    #expect(
      daemon.issues.allSatisfy { $0.message.contains("config/liaisond.example.yaml") },
      "\(daemon.issues)")
    let record = await ConfigurationLoader(environment: [:]).check(path: path, requirement: .record)
    #expect(record.issues.isEmpty)
  }

  @Test(
    "record commands run on defaults when the default file is absent; an explicit one must exist")
  func missingFile() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let loader = ConfigurationLoader(environment: ["STORE_PATH": dir.sub("state")])
    if !FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath) {
      let outcome = await loader.check(path: nil, requirement: .record)
      #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
      #expect(outcome.configuration.sourcePath == nil)
    }
    let missing = dir.sub("absent.yaml")
    let explicit = await loader.check(path: missing, requirement: .record)
    #expect(
      explicit.issues.map(\.description) == [
        "\(missing): cannot read the configuration file: No such file or directory; "
          + "config/liaisond.example.yaml is an example with every key"
      ])
    // The daemon needs keys the file would hold, but a missing file is one problem, not a
    // list of the keys it lacks.
    let viaEnvironment = await ConfigurationLoader(environment: ["LIAISOND_CONFIG": missing]).check(
      path: nil, requirement: .daemon)
    #expect(viaEnvironment.issues.count == 1, "\(viaEnvironment.issues)")
    #expect(viaEnvironment.issues.first?.location == missing)
  }

  @Test("the store is --store, else LIAISOND_STORE, else store.path, else STATE_DIRECTORY")
  func storeResolutionOrder() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", "store:\n  path: from-file\n")
    let environment = [
      "LIAISOND_STORE": dir.sub("from-environment"), "STATE_DIRECTORY": dir.sub("state-dir"),
    ]
    let option = try await ConfigurationLoader(environment: environment, store: dir.sub("option"))
      .load(path: path, requirement: .record).store
    #expect(option == .init(path: dir.sub("option"), origin: .option))
    let variable = try await ConfigurationLoader(environment: environment)
      .load(path: path, requirement: .record).store
    #expect(variable == .init(path: dir.sub("from-environment"), origin: .environment))
    let file = try await ConfigurationLoader(environment: ["STATE_DIRECTORY": dir.sub("state-dir")])
      .load(path: path, requirement: .record).store
    #expect(file == .init(path: dir.sub("from-file"), origin: .configuration))
    let empty = try dir.write("empty.yaml", "")
    let systemd = try await ConfigurationLoader(environment: [
      "STATE_DIRECTORY": dir.sub("state-dir")
    ])
    .load(path: empty, requirement: .record)
    #expect(systemd.store == .init(path: dir.sub("state-dir"), origin: .stateDirectory))
    #expect(systemd.unconfiguredStoreProblem == nil)
  }

  @Test("without a file or a store, the built-in store is refused for writing, naming what to pass")
  func unconfiguredStoreIsRefused() async throws {
    guard !FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath) else {
      Issue.record(
        "\(ConfigurationLoader.defaultPath) exists: this test needs a machine without it")
      return
    }
    let outcome = await ConfigurationLoader(environment: [:]).check(path: nil, requirement: .record)
    #expect(outcome.issues.isEmpty, "\(outcome.issues)")
    #expect(outcome.configuration.store.origin == .builtInDefault)
    let problem = try #require(outcome.configuration.unconfiguredStoreProblem)
    for advice in ["--store", "LIAISOND_STORE", "--config", "config/liaisond.example.yaml"] {
      #expect(problem.contains(advice), "\(problem)")
    }
  }

  @Test("bad values of every other kind are named")
  func badValues() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    try dir.write("not-a-cert.pem", "hello")
    let path = try dir.write(
      "liaisond.yaml",
      Self.validYAML(
        dir,
        extra: """
          web:
            listen: localhost
            public_url: ftp://example.org
          routing:
            registry: missing-groups.yaml
            iab_contact: not an address
          reminders:
            before_deadline: [14d, 7x]
            overdue_every: [7d]
          log:
            level: loud
          health:
            poll_failure_threshold: 30s
          """
      ).replacingOccurrences(
        of: "  password_file: imap.pass",
        with: "  password_file: imap.pass\n  ca_file: not-a-cert.pem"))
    let outcome = await ConfigurationLoader(environment: [:]).check(path: path)
    let keys = outcome.issues.compactMap(\.key)
    #expect(
      Set(keys) == [
        "web.listen", "web.public_url", "routing.registry", "routing.iab_contact",
        "reminders.before_deadline",
        "reminders.overdue_every", "log.level", "health.poll_failure_threshold", "imap.ca_file",
      ], "\(outcome.issues.map(\.description))")
    #expect(keys.count == 9)
  }

  @Test(
    "durations",
    arguments: [
      ("60s", 60), ("5m", 300), ("2h", 7_200), ("14d", 1_209_600), ("1w", 604_800),
      ("1h30m", 5_400),
      (" 7d ", 604_800),
    ])
  func durations(text: String, seconds: Int) {
    #expect(ConfigDuration.parse(text) == .seconds(seconds))
  }

  @Test(
    "durations in milliseconds, and each duration spelt back the way it reads",
    arguments: [
      ("100ms", 100, "100ms"), ("1500ms", 1_500, "1500ms"), ("1s500ms", 1_500, "1500ms"),
      ("2m30s", 150_000, "150s"), ("1000ms", 1_000, "1s"), ("90m", 5_400_000, "90m"),
      ("1m5ms", 60_005, "60005ms"),
    ])
  func millisecondDurations(text: String, milliseconds: Int, spelt: String) {
    let duration = ConfigDuration.parse(text)
    #expect(duration == .milliseconds(milliseconds))
    #expect(duration.map(ConfigDuration.format) == spelt)
    #expect(ConfigDuration.parse(spelt) == duration)
  }

  @Test(
    "not durations",
    arguments: [
      "", "60", "s", "sixty", "5 m", "-5s", "0s", "1y", "9999999999999d", "5m3", "0ms", "ms",
      "5sm", "10mss",
    ])
  func notDurations(text: String) {
    #expect(ConfigDuration.parse(text) == nil)
  }

  @Test("listen addresses")
  func listenAddresses() {
    #expect(
      ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
    #expect(ListenAddress(parsing: "[::1]:80") == ListenAddress(host: "::1", port: 80))
    #expect(ListenAddress(parsing: ":9000") == ListenAddress(host: "0.0.0.0", port: 9000))
    #expect(ListenAddress(parsing: "8081") == ListenAddress(host: "127.0.0.1", port: 8081))
    #expect(ListenAddress(parsing: "[::1]:80")?.description == "[::1]:80")
    for bad in ["localhost", "::1:80", "host:99999", "host:", "[::1]80", "a b:80"] {
      #expect(ListenAddress(parsing: bad) == nil, "\(bad)")
    }
  }

  /// Tests/DaemonTests/ConfigurationLoaderTests.swift -> the package root.
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static var examplePath: String {
    packageRoot.appendingPathComponent("config/liaisond.example.yaml").path
  }

}
