/// Every failure of the mail transport, with the server and the step it happened in.
///
/// `isTemporary` is what callers act on: a temporary failure (connection refused, a
/// timeout, a 4xx reply) is retried later with backoff; a permanent one (a 5xx reply, a
/// refused certificate, bad credentials, an invalid header) needs a person.
public enum MailTransportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// libcurl failed. `code` is the CURLcode, `reply` the last reply line of the server
  /// (IMAP tagged reply or SMTP reply), when there was one.
  case curl(server: String, step: String, code: Int, message: String, reply: String?)
  /// The server answered, but not what the protocol allows at this step.
  case protocolViolation(server: String, step: String, detail: String)
  /// The mailbox was recreated: its UIDVALIDITY is no longer the one the UIDs belong to.
  case uidValidityChanged(server: String, mailbox: String, expected: UInt32)
  /// The message is no longer in the mailbox (someone else moved or expunged it).
  case messageNotFound(server: String, mailbox: String, uid: UInt32)
  /// The message is larger than the configured limit: only its header can be fetched.
  case messageTooLarge(server: String, mailbox: String, uid: UInt32, limit: Int)
  /// A header value or address would break the message (CR, LF, NUL, bad syntax).
  case invalidHeader(field: String, reason: String)
  /// The configuration cannot work (bad URL, unsupported mailbox name, ...).
  case invalidConfiguration(field: String, reason: String)
  /// The SMTP server refused the whole transaction (MAIL FROM or DATA).
  case smtpRejected(server: String, step: String, reply: SMTPReply)
  /// The operation was cancelled by the caller.
  case cancelled(server: String, step: String)

  public var description: String {
    switch self {
    case .curl(let server, let step, let code, let message, let reply):
      var text = "\(server): \(step) failed: \(message) (curl error \(code))"
      if let reply, !reply.isEmpty { text += "; server said: \(reply)" }
      if let hint = Self.hint(forCurlCode: code) { text += "; \(hint)" }
      return text
    case .protocolViolation(let server, let step, let detail):
      return "\(server): \(step): unexpected server answer: \(detail)"
    case .uidValidityChanged(let server, let mailbox, let expected):
      return
        "\(server): mailbox \(mailbox) no longer has UIDVALIDITY \(expected) (it was recreated);"
        + " re-read its status and reconcile"
    case .messageNotFound(let server, let mailbox, let uid):
      return "\(server): UID \(uid) is no longer in mailbox \(mailbox)"
    case .messageTooLarge(let server, let mailbox, let uid, let limit):
      return "\(server): UID \(uid) in \(mailbox) is larger than the limit of \(limit) bytes"
    case .invalidHeader(let field, let reason):
      return "header \(field): \(reason)"
    case .invalidConfiguration(let field, let reason):
      return "configuration \(field): \(reason)"
    case .smtpRejected(let server, let step, let reply):
      return "\(server): \(step) refused: \(reply)"
    case .cancelled(let server, let step):
      return "\(server): \(step) cancelled"
    }
  }

  /// True when trying again later can succeed without anyone changing anything.
  /// The connection itself failed (refused, closed, reset): one that sat unused may be
  /// gone while a fresh one works, so it is worth one more try at once.
  var isLostConnection: Bool {
    guard case .curl(_, _, let code, _, _) = self else { return false }
    return [7, 8, 52, 55, 56].contains(code)
  }

  public var isTemporary: Bool {
    switch self {
    case .curl(_, _, let code, _, let reply):
      if let reply, let smtp = SMTPReply(line: reply) { return !smtp.isPermanent }
      return Self.temporaryCurlCodes.contains(code)
    case .protocolViolation: return true
    case .uidValidityChanged: return true
    case .messageNotFound, .messageTooLarge: return false
    case .invalidHeader, .invalidConfiguration: return false
    case .smtpRejected(_, _, let reply): return !reply.isPermanent
    case .cancelled: return true
    }
  }

  /// Connection-level failures: the server may be down, restarting or overloaded.
  static let temporaryCurlCodes: Set<Int> = [
    5,  // COULDNT_RESOLVE_PROXY
    6,  // COULDNT_RESOLVE_HOST
    7,  // COULDNT_CONNECT
    8,  // WEIRD_SERVER_REPLY
    16,  // HTTP2 framing, never for mail; kept for symmetry
    18,  // PARTIAL_FILE
    23,  // WRITE_ERROR (our own size guard aborted the transfer)
    26,  // READ_ERROR
    28,  // OPERATION_TIMEDOUT
    35,  // SSL_CONNECT_ERROR (handshake cut short)
    52,  // GOT_NOTHING
    55,  // SEND_ERROR
    56,  // RECV_ERROR
    81,  // AGAIN
    88,  // CHUNK_FAILED
  ]

  static func hint(forCurlCode code: Int) -> String? {
    switch code {
    case 7: return "is the server running and the port right?"
    case 28: return "the server did not answer in time"
    case 60:
      return "the server certificate is not trusted; set ca_file to the CA that signed it"
    case 67: return "check the username and password"
    case 64: return "the server does not offer TLS (STARTTLS); use an imaps:// or smtps:// URL"
    default: return nil
    }
  }
}
