import Foundation

/// Where and how to reach the submission server.
public struct SMTPConfiguration: Sendable, Equatable {
  /// `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start).
  public var scheme: String
  public var host: String
  public var port: Int?
  /// AUTH credentials; nil for a server that takes mail without login.
  public var username: String?
  public var password: String?
  /// An extra CA bundle (PEM) trusted besides the system's; certificates are always verified.
  public var caFile: String?
  /// Refuse a plain `smtp://` connection when the server offers no STARTTLS.
  public var requireTLS: Bool
  /// The name sent in EHLO; libcurl's default when nil.
  public var heloName: String?
  public var connectTimeout: Duration
  /// One command and its reply.
  public var commandTimeout: Duration
  /// The whole transaction of one mail.
  public var sendTimeout: Duration

  public init(
    url: String, username: String? = nil, password: String? = nil, caFile: String? = nil,
    requireTLS: Bool = false, heloName: String? = nil, connectTimeout: Duration = .seconds(15),
    commandTimeout: Duration = .seconds(60), sendTimeout: Duration = .seconds(300)
  ) throws {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
      scheme == "smtp" || scheme == "smtps"
    else {
      throw MailTransportError.invalidConfiguration(
        field: "smtp.url", reason: "\(url) is not an smtp:// or smtps:// URL")
    }
    guard let host = components.host, !host.isEmpty else {
      throw MailTransportError.invalidConfiguration(
        field: "smtp.url", reason: "\(url) names no host")
    }
    guard components.user == nil, components.password == nil else {
      throw MailTransportError.invalidConfiguration(
        field: "smtp.url",
        reason: "put the credentials in smtp.username / smtp.password, not in the URL")
    }
    if let heloName {
      guard !heloName.isEmpty,
        heloName.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == 0x2E || $0 == 0x2D })
      else {
        throw MailTransportError.invalidConfiguration(
          field: "smtp.helo", reason: "\(heloName.debugDescription) is not a host name")
      }
    }
    self.scheme = scheme
    self.host = host
    self.port = components.port
    self.username = username
    self.password = password
    self.caFile = caFile
    self.requireTLS = requireTLS
    self.heloName = heloName
    self.connectTimeout = connectTimeout
    self.commandTimeout = commandTimeout
    self.sendTimeout = sendTimeout
  }

  /// `scheme://host:port`, as the server is named in errors and logs.
  public var server: String {
    let bracketed = host.contains(":") ? "[\(host)]" : host
    return port.map { "\(scheme)://\(bracketed):\($0)" } ?? "\(scheme)://\(bracketed)"
  }
}
