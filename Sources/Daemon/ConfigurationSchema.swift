import Foundation
import Routing

/// Every key the configuration knows: the single list the loader validates against,
/// unknown keys are found with, and the example file is checked against.
public enum ConfigurationSchema {
  public enum Shape: Sendable, Hashable {
    case text
    case flag
    case list
  }

  public struct Key: Sendable, Hashable {
    /// Dotted: `imap.password_file`.
    public var name: String
    public var shape: Shape
    /// Its value never appears in an issue, a log line or `description`.
    public var isSecret: Bool

    init(_ name: String, _ shape: Shape = .text, secret: Bool = false) {
      self.name = name
      self.shape = shape
      self.isSecret = secret
    }

    public var components: [String] { name.split(separator: ".").map(String.init) }
    public var section: String { components[0] }
    /// The environment variable that overrides it: `imap.password` is `IMAP_PASSWORD`.
    public var environmentName: String {
      name.replacingOccurrences(of: ".", with: "_").uppercased()
    }
  }

  public static let keys: [Key] = [
    Key("imap.url"), Key("imap.username"), Key("imap.password", secret: true),
    Key("imap.password_file"), Key("imap.ca_file"), Key("imap.processed_mailbox"),
    Key("imap.quarantine_mailbox"), Key("imap.poll_interval"), Key("imap.check_interval"),
    Key("smtp.url"), Key("smtp.username"), Key("smtp.password", secret: true),
    Key("smtp.password_file"), Key("smtp.ca_file"), Key("smtp.from"),
    Key("store.path"),
    Key("web.listen"), Key("web.public_url"), Key("web.max_connections"),
    Key("web.idle_timeout"), Key("web.header_timeout"), Key("web.max_header_bytes"),
    Key("web.max_body_bytes"),
    Key("routing.registry"), Key("routing.overrides"), Key("routing.iab_contact"),
    Key("routing.irtf_contact"), Key("routing.copy_group_lists", .flag),
    Key("reminders.before_deadline", .list), Key("reminders.overdue_every"),
    Key("acknowledge.information", .flag),
    Key("trust.authserv_id", .list), Key("trust.token_key_file"),
    Key("trust.outside_recipient_daily_limit"),
    Key("approval.expire_after"), Key("approval.statements_archive"),
    Key("health.poll_failure_threshold"), Key("health.send_failure_threshold"),
    Key("log.level"),
    Key("intake.max_attempts"), Key("observability.listen"),
  ]

  public static let sections: [String] = {
    var seen: [String] = []
    for key in keys where !seen.contains(key.section) { seen.append(key.section) }
    return seen
  }()

  static func key(named name: String) -> Key? {
    keys.first { $0.name == name }
  }

  /// The known name closest to `name` when it is a likely typo of one (edit distance <= 2).
  static func suggestion(for name: String, among candidates: [String]) -> String? {
    let scored = candidates.compactMap { candidate in
      EditDistance.distance(name, candidate, limit: 2).map { (candidate, $0) }
    }
    return scored.min { $0.1 < $1.1 }?.0
  }
}
