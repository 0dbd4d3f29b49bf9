import Foundation

/// The URL of a mail server (`imap.url`, `smtp.url`): the one reading of it, used by the
/// configuration check and by the clients that connect.
///
/// `imap://` and `smtp://` use STARTTLS when offered, `imaps://` and `smtps://` TLS from
/// the start. Credentials, a query or a fragment are refused; for IMAP the path names the
/// mailbox (`INBOX` when empty), which must be printable ASCII.
public struct MailServerURL: Sendable, Hashable, CustomStringConvertible {
  public enum Service: String, Sendable {
    case imap, smtp

    /// The plain and the TLS scheme.
    var schemes: [String] { [rawValue, rawValue + "s"] }
  }

  public let service: Service
  /// `imap`, `imaps`, `smtp` or `smtps`, lower-cased.
  public let scheme: String
  public let host: String
  /// The port the URL names; nil for the scheme's default (see `port`).
  public let explicitPort: Int?
  /// IMAP: the mailbox statements arrive in. SMTP: nil.
  public let mailbox: String?

  /// - Throws: `MailTransportError.invalidConfiguration` for the field `<service>.url`,
  ///   with a reason that never repeats a password the text may hold.
  public init(_ text: String, service: Service) throws(MailTransportError) {
    let field = "\(service.rawValue).url"
    func fail(_ reason: String) -> MailTransportError {
      .invalidConfiguration(field: field, reason: reason)
    }
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
    else {
      throw fail(
        "\(Self.redacted(text).debugDescription) is not a URL, such as \(service.rawValue)s://mail.example.org"
      )
    }
    guard components.user == nil, components.password == nil else {
      throw fail(
        "must not contain credentials; put them in \(service.rawValue).username and \(service.rawValue).password_file"
      )
    }
    guard service.schemes.contains(scheme) else {
      throw fail(
        "scheme \(scheme.debugDescription) is not supported; use \(service.schemes.map { "\($0)://" }.joined(separator: " or "))"
      )
    }
    // Foundation keeps the brackets of an IPv6 literal; `server` puts them back.
    guard let host = components.host.map(Self.unbracketed), !host.isEmpty else {
      throw fail("\(text.debugDescription) names no server")
    }
    guard components.query == nil, components.fragment == nil else {
      throw fail("\(text.debugDescription) must not have a query or fragment")
    }
    self.service = service
    self.scheme = scheme
    self.host = host
    self.explicitPort = components.port
    switch service {
    case .imap:
      let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
      let mailbox = path.isEmpty ? "INBOX" : path
      _ = try IMAPMailboxName.quoted(mailbox, field: field)
      self.mailbox = mailbox
    case .smtp:
      self.mailbox = nil
    }
  }

  /// The port connections go to: the URL's, else the scheme's well-known one.
  public var port: Int { explicitPort ?? Self.defaultPort(scheme: scheme) }

  /// 143, 993, 25 or 465.
  public static func defaultPort(scheme: String) -> Int {
    switch scheme {
    case "imaps": 993
    case "smtp": 25
    case "smtps": 465
    default: 143
    }
  }

  /// `scheme://host[:port]`, as the server is named in errors and logs and given to libcurl.
  public var server: String {
    let bracketed = host.contains(":") ? "[\(host)]" : host
    return explicitPort.map { "\(scheme)://\(bracketed):\($0)" } ?? "\(scheme)://\(bracketed)"
  }

  public var description: String {
    mailbox.map { server + "/" + IMAPMailboxName.urlPath($0) } ?? server
  }

  private static func unbracketed(_ host: String) -> String {
    host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
  }

  /// The text with any password in it replaced, fit for a message.
  static func redacted(_ text: String) -> String {
    guard var components = URLComponents(string: text), components.password != nil else {
      return text.contains("@") ? "<a URL with credentials>" : text
    }
    components.password = "REDACTED"
    return components.string ?? "<a URL with credentials>"
  }
}
