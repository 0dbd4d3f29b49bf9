import Foundation

/// Where and how to reach the IMAP server.
public struct IMAPConfiguration: Sendable, Equatable {
  /// The server and the mailbox statements arrive in (the URL's path, `INBOX` by default).
  public let url: MailServerURL
  public var username: String
  public var password: String
  /// An extra CA bundle (PEM) trusted besides the system's; certificates are always verified.
  public var caFile: String?
  /// Refuse a plain `imap://` connection when the server offers no STARTTLS.
  public var requireTLS: Bool
  /// Connect, TLS handshake, greeting and login.
  public var connectTimeout: Duration
  /// One command and its answer.
  public var commandTimeout: Duration
  /// The download of one message (scaled up for large ones: see `downloadTimeout(for:)`).
  public var downloadTimeout: Duration
  /// A message larger than this is not downloaded: its header is recorded and it is flagged.
  public var maxMessageSize: Int

  public init(
    url: String, username: String, password: String, caFile: String? = nil,
    requireTLS: Bool = false, connectTimeout: Duration = .seconds(15),
    commandTimeout: Duration = .seconds(60), downloadTimeout: Duration = .seconds(120),
    maxMessageSize: Int = 50 * 1024 * 1024
  ) throws {
    self.url = try MailServerURL(url, service: .imap)
    self.username = username
    self.password = password
    self.caFile = caFile
    self.requireTLS = requireTLS
    self.connectTimeout = connectTimeout
    self.commandTimeout = commandTimeout
    self.downloadTimeout = downloadTimeout
    self.maxMessageSize = maxMessageSize
  }

  /// `imap://` (STARTTLS when offered) or `imaps://` (TLS from the start).
  public var scheme: String { url.scheme }
  public var host: String { url.host }
  /// The mailbox statements arrive in.
  public var mailbox: String { url.mailbox ?? "INBOX" }

  /// `scheme://host:port`, as the server is named in errors and logs.
  public var server: String { url.server }

  /// The download time allowed for a message of `size` bytes (at least 1 MB/s).
  public func downloadTimeout(for size: Int) -> Duration {
    downloadTimeout + .seconds(size / 1_000_000)
  }
}

/// Mailbox names on the wire: quoted strings in commands, percent-encoded in URLs.
enum IMAPMailboxName {
  /// The name as an IMAP quoted string. Names outside printable ASCII would need
  /// modified UTF-7 (RFC 3501 5.1.3); liaisond's mailboxes are configured, so they are refused.
  static func quoted(_ name: String, field: String) throws(MailTransportError) -> String {
    guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
      throw MailTransportError.invalidConfiguration(
        field: field,
        reason: "mailbox name \(name.debugDescription) must be non-empty printable ASCII")
    }
    var quoted = "\""
    for character in name {
      if character == "\"" || character == "\\" { quoted.append("\\") }
      quoted.append(character)
    }
    return quoted + "\""
  }

  /// The name as a URL path segment (libcurl decodes it before use).
  static func urlPath(_ name: String) -> String {
    var encoded = ""
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        encoded.append(Character(UnicodeScalar(byte)))
      default:
        encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return encoded
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
