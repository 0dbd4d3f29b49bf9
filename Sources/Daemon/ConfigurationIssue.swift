/// One thing wrong with the configuration, said so that the reader can fix it:
/// where (file and line, or environment variable), which key, and what to do.
///
/// Never carries a secret's value: the loader only ever names secret keys.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case syntax
    case unknownKey = "unknown-key"
    case wrongType = "wrong-type"
    case invalidValue = "invalid-value"
    case missing
    case unreadableFile = "unreadable-file"
    case unreachable
  }

  public var kind: Kind
  /// The dotted key (`imap.poll_interval`); nil for problems with the file as a whole.
  public var key: String?
  /// `path:line`, `environment variable IMAP_URL`, or the path of the file alone.
  public var location: String
  public var message: String

  public init(kind: Kind, key: String?, location: String, message: String) {
    self.kind = kind
    self.key = key
    self.location = location
    self.message = message
  }

  /// One line: `liaisond.yaml:7: imap.poll_interval: "sixty" is not a duration; ...`.
  public var description: String {
    if let key {
      return "\(location): \(key): \(message)"
    }
    return "\(location): \(message)"
  }
}
