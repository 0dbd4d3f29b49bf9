import MIME
import MailTransport

/// What the outbox needs from the SMTP server; `SMTPClient` in production.
public protocol MailSender: Sendable {
  /// The outcome per recipient when the server took the mail for at least one of them or
  /// refused them all at RCPT; throws `MailTransportError` when the transaction failed as
  /// a whole (`isTemporary` says whether to try again).
  func send(from sender: MailAddress, to recipients: [MailAddress], data: [UInt8]) async throws
    -> SMTPDeliveryReport
}

extension SMTPClient: MailSender {}
