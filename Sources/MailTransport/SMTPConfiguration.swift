import Foundation

/// Where and how to reach the submission server.
public struct SMTPConfiguration: Sendable, Equatable {
  public let url: MailServerURL
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
    self.url = try MailServerURL(url, service: .smtp)
    if let heloName {
      guard !heloName.isEmpty,
        heloName.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == 0x2E || $0 == 0x2D })
      else {
        throw MailTransportError.invalidConfiguration(
          field: "smtp.helo", reason: "\(heloName.debugDescription) is not a host name")
      }
    }
    self.username = username
    self.password = password
    self.caFile = caFile
    self.requireTLS = requireTLS
    self.heloName = heloName
    self.connectTimeout = connectTimeout
    self.commandTimeout = commandTimeout
    self.sendTimeout = sendTimeout
  }

  /// `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start).
  public var scheme: String { url.scheme }
  public var host: String { url.host }

  /// `scheme://host:port`, as the server is named in errors and logs.
  public var server: String { url.server }
}
