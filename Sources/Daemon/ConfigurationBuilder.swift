import Foundation
import Logging
import MIME
import MailTransport
import Routing

/// Turns the raw values into a `LiaisondConfiguration`, checking each one and every
/// file it names, and collecting an issue for each problem instead of stopping.
struct ConfigurationBuilder {
  var values: RawValues
  var issues: [ConfigurationIssue]
  var environment: [String: String]
  /// Relative paths in the file are relative to the file's own directory.
  var baseDirectory: String
  var configurationPath: String
  /// The store named by `--store` or `$LIAISOND_STORE`, which `store.path` yields to.
  var storeOverride: LiaisondConfiguration.Store?

  mutating func build(requirement: ConfigurationLoader.Requirement) -> LiaisondConfiguration {
    var c = LiaisondConfiguration()

    c.imap.url = mailURL("imap.url", service: .imap)
    c.imap.username = text("imap.username")
    c.imap.caFile = certificateFile("imap.ca_file")
    c.imap.processedMailbox = mailbox("imap.processed_mailbox") ?? c.imap.processedMailbox
    c.imap.quarantineMailbox = mailbox("imap.quarantine_mailbox") ?? c.imap.quarantineMailbox
    c.imap.pollInterval = duration("imap.poll_interval") ?? c.imap.pollInterval
    if let check = duration("imap.check_interval") {
      if check < IMAPIdler.shortestCheckInterval || check >= c.imap.pollInterval {
        add(
          .invalidValue, "imap.check_interval",
          "\(ConfigDuration.format(check)) is not from "
            + "\(ConfigDuration.format(IMAPIdler.shortestCheckInterval)) up to imap.poll_interval "
            + "(\(ConfigDuration.format(c.imap.pollInterval))): more often only loads the mail "
            + "server, and a poll already asks that often")
      } else {
        c.imap.checkInterval = check
      }
    }
    c.imap.password = password(service: "imap")

    c.smtp.url = mailURL("smtp.url", service: .smtp)
    c.smtp.username = text("smtp.username")
    c.smtp.caFile = certificateFile("smtp.ca_file")
    c.smtp.from = sender("smtp.from")
    c.smtp.password = password(service: "smtp")

    if let storeOverride {
      c.store = storeOverride
    } else if let path = text("store.path") {
      c.store = .init(path: FileAccess.absolute(path, base: baseDirectory), origin: .configuration)
    } else if let stateDirectory = environment["STATE_DIRECTORY"], !stateDirectory.isEmpty {
      // systemd's StateDirectory= (a colon-separated list when several are given).
      c.store = .init(
        path: String(stateDirectory.split(separator: ":").first ?? Substring(stateDirectory)),
        origin: .stateDirectory)
    }
    // With no file and no store named, nothing will be written there (commands that
    // write refuse, `unconfiguredStore`), so its state is no problem of the configuration.
    if c.store.origin != .builtInDefault || values.filePath != nil,
      let problem = FileAccess.directoryProblem(c.store.path)
    {
      let key = storeOverride.map { $0.origin.rawValue } ?? "store.path"
      add(.unreadableFile, key, "\(c.store.path) \(problem)")
    }

    if let listen = text("web.listen") {
      if let address = ListenAddress(parsing: listen) {
        c.web.listen = address
      } else {
        add(
          .invalidValue, "web.listen",
          "\(Quoted(listen)) is not host:port, [v6]:port or a port (such as 127.0.0.1:8080)")
      }
    }
    c.web.publicURL = publicURL("web.public_url")

    var registry: GroupRegistry? = RoutingRegistry.embedded
    if let text = text("routing.registry") {
      let path = FileAccess.absolute(text, base: baseDirectory)
      c.routing.registry = path
      registry = nil
      if case .failure(let failure) = FileAccess.read(
        path, limit: ConfigurationLoader.registrySizeLimit)
      {
        add(.unreadableFile, "routing.registry", "cannot read \(path): \(failure)")
      } else {
        do {
          registry = try GroupRegistry.load(path: path)
        } catch {
          add(.invalidValue, "routing.registry", "\(path) is not a usable group registry: \(error)")
        }
      }
    }
    if let text = text("routing.overrides") {
      let path = FileAccess.absolute(text, base: baseDirectory)
      c.routing.overrides = path
      if case .failure(let failure) = FileAccess.read(
        path, limit: ConfigurationLoader.registrySizeLimit)
      {
        add(.unreadableFile, "routing.overrides", "cannot read \(path): \(failure)")
      } else if let registry {
        do {
          _ = try RegistryOverrides.load(path: path).apply(to: registry)
        } catch {
          add(
            .invalidValue, "routing.overrides",
            "\(path) cannot be applied to the registry: \(error)")
        }
      }
    }
    c.routing.iabContact = address("routing.iab_contact") ?? c.routing.iabContact
    c.routing.irtfContact = address("routing.irtf_contact") ?? c.routing.irtfContact
    if let copy = flag("routing.copy_group_lists") { c.routing.copyGroupLists = copy }

    if let list = list("reminders.before_deadline") {
      var durations: [Duration] = []
      for (index, item) in list.enumerated() {
        if let duration = ConfigDuration.parse(item) {
          if duration.components.seconds % 86_400 == 0, duration.components.attoseconds == 0 {
            durations.append(duration)
          } else {
            add(
              .invalidValue, "reminders.before_deadline",
              "item \(index + 1), \(Quoted(item)), is not a whole number of days (reminders go out daily)"
            )
          }
        } else {
          add(
            .invalidValue, "reminders.before_deadline",
            "item \(index + 1), \(Quoted(item)), \(Self.durationAdvice)")
        }
      }
      c.reminders.beforeDeadline = durations.sorted(by: >)
    }
    if let every = duration("reminders.overdue_every") {
      if every.components.seconds % 86_400 == 0, every.components.attoseconds == 0 {
        c.reminders.overdueEvery = every
      } else {
        add(
          .invalidValue, "reminders.overdue_every",
          "\(ConfigDuration.format(every)) is not a whole number of days (reminders go out daily)")
      }
    }

    if let information = flag("acknowledge.information") {
      c.acknowledge.information = information
    }

    buildTrust(&c)
    buildIntake(&c)
    buildWebLimits(&c)

    c.health.pollFailureThreshold =
      duration("health.poll_failure_threshold") ?? c.health.pollFailureThreshold
    c.health.sendFailureThreshold =
      duration("health.send_failure_threshold") ?? c.health.sendFailureThreshold

    if c.health.pollFailureThreshold <= c.imap.pollInterval,
      !issues.contains(where: { $0.key == "health.poll_failure_threshold" })
    {
      add(
        .invalidValue, "health.poll_failure_threshold",
        "\(ConfigDuration.format(c.health.pollFailureThreshold)) is not longer than imap.poll_interval "
          + "(\(ConfigDuration.format(c.imap.pollInterval))): /healthz would fail between two polls"
      )
    }

    if let level = text("log.level") {
      if let parsed = Logger.Level(rawValue: level.lowercased()) {
        c.log.level = parsed
      } else {
        add(
          .invalidValue, "log.level",
          "\(Quoted(level)) is not a level; use trace, debug, info, notice, warning, error or critical"
        )
      }
    }

    if requirement == .daemon {
      require(
        c.imap.url != nil, "imap.url", "the mailbox to poll, such as imaps://mail.example.org/INBOX"
      )
      require(
        c.smtp.url != nil, "smtp.url", "the submission server, such as smtps://mail.example.org")
      require(
        c.smtp.from != nil, "smtp.from",
        "the sender of liaisond's mail, such as \"IETF Liaison Coordination <liaison-coordination@iab.org>\""
      )
    }
    for service in ["imap", "smtp"] {
      let username = service == "imap" ? c.imap.username : c.smtp.username
      let password = service == "imap" ? c.imap.password : c.smtp.password
      if username != nil, password == nil, !values.reported.contains("\(service).password"),
        !values.reported.contains("\(service).password_file"),
        !issues.contains(where: { $0.key == "\(service).password_file" })
      {
        add(
          .missing, "\(service).password_file",
          "\(service).username is set but no password is: give \(service).password_file, "
            + "\(service.uppercased())_PASSWORD, or a systemd credential named \(service)",
          at: values.found["\(service).username"]?.location)
      }
    }
    return c
  }

  static let durationAdvice =
    "is not a duration; write a number and a unit: 100ms, 60s, 5m, 2h, 14d, 1w"

  // MARK: - Value accessors: each reports its own problems.

  private func found(_ key: String) -> RawValues.Found? { values.found[key] }

  mutating func text(_ key: String) -> String? {
    guard let found = found(key) else { return nil }
    switch found.value {
    case .text(let text): return text
    case .flag(let flag): return String(flag)
    case .list:
      add(.wrongType, key, "expected a single value, not a list", at: found.location)
      return nil
    }
  }

  mutating func list(_ key: String) -> [String]? {
    guard let found = found(key) else { return nil }
    if case .list(let list) = found.value { return list }
    add(.wrongType, key, "expected a list, such as [14d, 7d, 1d]", at: found.location)
    return nil
  }

  private mutating func flag(_ key: String) -> Bool? {
    guard let found = found(key) else { return nil }
    if case .flag(let flag) = found.value { return flag }
    add(.wrongType, key, "expected true or false", at: found.location)
    return nil
  }

  mutating func duration(_ key: String) -> Duration? {
    guard let text = text(key) else { return nil }
    guard let duration = ConfigDuration.parse(text) else {
      add(.invalidValue, key, "\(Quoted(text)) \(Self.durationAdvice)")
      return nil
    }
    return duration
  }

  private mutating func mailbox(_ key: String) -> String? {
    guard let text = text(key) else { return nil }
    guard !text.isEmpty,
      !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
      !text.contains("\"")
    else {
      add(.invalidValue, key, "\(Quoted(text)) is not a usable mailbox name")
      return nil
    }
    return text
  }

  mutating func address(_ key: String) -> String? {
    guard let text = text(key) else { return nil }
    do {
      return try MailAddress(text).address.lowercased()
    } catch {
      add(
        .invalidValue, key, "\(Quoted(text)) is not a mail address (local@domain): \(error.reason)")
      return nil
    }
  }

  private mutating func sender(_ key: String) -> String? {
    guard let text = text(key) else { return nil }
    // A line break here would let the configuration inject headers into every mail.
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      add(.invalidValue, key, "\(Quoted(text)) contains a control character")
      return nil
    }
    do {
      _ = try MailAddress(parsing: text)
    } catch {
      add(
        .invalidValue, key,
        "\(Quoted(text)) is not `Name <local@domain>` or `local@domain`: \(error.reason)")
      return nil
    }
    return text
  }

  private mutating func mailURL(_ key: String, service: MailServerURL.Service) -> URL? {
    guard let text = text(key) else { return nil }
    do {
      _ = try MailServerURL(text, service: service)
    } catch {
      if case .invalidConfiguration(_, let reason) = error {
        add(.invalidValue, key, reason)
      } else {
        add(.invalidValue, key, "\(error)")
      }
      return nil
    }
    return URL(string: text)
  }

  private mutating func publicURL(_ key: String) -> String? {
    guard let text = text(key) else { return nil }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      ["http", "https"].contains(scheme),
      url.host?.isEmpty == false, url.password == nil, url.user == nil
    else {
      add(
        .invalidValue, key,
        "\(Quoted(Self.redactedURL(text))) is not an http:// or https:// address")
      return nil
    }
    return text.hasSuffix("/") ? String(text.dropLast()) : text
  }

  private mutating func certificateFile(_ key: String) -> String? {
    guard let text = text(key) else { return nil }
    let path = FileAccess.absolute(text, base: baseDirectory)
    switch FileAccess.read(path, limit: ConfigurationLoader.certificateSizeLimit) {
    case .failure(let failure):
      add(.unreadableFile, key, "cannot read \(path): \(failure)")
      return nil
    case .success(let bytes):
      guard String(decoding: bytes, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
        add(.invalidValue, key, "\(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        return nil
      }
      return path
    }
  }

  /// `service.password`, else the file `service.password_file` names, else the systemd
  /// credential named `service`. A bare name in `password_file` is a credential name.
  private mutating func password(service: String) -> Secret? {
    let passwordKey = "\(service).password"
    let fileKey = "\(service).password_file"
    if let direct = found(passwordKey) {
      guard case .text(let value) = direct.value, !value.isEmpty else {
        add(.invalidValue, passwordKey, "is empty", at: direct.location)
        return nil
      }
      return Secret(value)
    }
    let credentials = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
    let path: String
    let key: String?
    if let named = text(fileKey) {
      if !named.contains("/"), let credentials {
        path = (credentials as NSString).appendingPathComponent(named)
      } else {
        path = FileAccess.absolute(named, base: baseDirectory)
      }
      key = fileKey
    } else if let credentials, FileManager.default.fileExists(atPath: "\(credentials)/\(service)") {
      path = "\(credentials)/\(service)"
      key = nil
    } else {
      return nil
    }
    switch FileAccess.read(path, limit: ConfigurationLoader.secretSizeLimit) {
    case .failure(let failure):
      add(.unreadableFile, key ?? fileKey, "cannot read the password file \(path): \(failure)")
      return nil
    case .success(let bytes):
      // Files written by `echo` or an editor end in a newline that is not part of the password.
      var scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
      while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
      let value = String(scalars)
      guard !value.isEmpty else {
        add(.invalidValue, key ?? fileKey, "the password file \(path) is empty")
        return nil
      }
      return Secret(value)
    }
  }

  private mutating func require(_ present: Bool, _ key: String, _ what: String) {
    guard !present, !values.reported.contains(key), !issues.contains(where: { $0.key == key })
    else { return }
    add(
      .missing, key, "is required: \(what) (config/liaisond.example.yaml explains every key)",
      at: configurationPath)
  }

  mutating func add(
    _ kind: ConfigurationIssue.Kind, _ key: String, _ message: String, at location: String? = nil
  ) {
    let place = location ?? values.found[key]?.location ?? values.filePath ?? configurationPath
    issues.append(ConfigurationIssue(kind: kind, key: key, location: place, message: message))
  }

  /// A URL for a message, with any password in it replaced.
  static func redactedURL(_ text: String) -> String {
    guard let url = URL(string: text), url.password != nil,
      var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    else { return text.contains("@") ? "<a URL with credentials>" : text }
    components.password = "REDACTED"
    return components.string ?? "<a URL with credentials>"
  }
}
