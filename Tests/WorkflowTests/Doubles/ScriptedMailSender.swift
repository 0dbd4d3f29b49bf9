import MIME
import MailTransport
import Synchronization

@testable import Workflow

/// An SMTP server in memory: each send takes the next scripted answer (all accepted once
/// the script is used up) and is kept for the test to look at.
final class ScriptedMailSender: MailSender {
  enum Answer: Sendable {
    /// The transaction went through; these recipients were refused with these codes.
    case refusing([String: Int])
    /// The transaction failed as a whole.
    case failing(MailTransportError)
  }

  struct Sent: Sendable, Equatable {
    var from: String
    var to: [String]
  }

  private let state: Mutex<(script: [Answer], sent: [Sent])>
  private let onSend: (@Sendable (Int) -> Void)?

  init(_ script: [Answer] = [], onSend: (@Sendable (Int) -> Void)? = nil) {
    state = Mutex((script, []))
    self.onSend = onSend
  }

  /// Every transaction tried, in order (also those that failed).
  var sent: [Sent] { state.withLock { $0.sent } }

  static func rejected(_ code: Int) -> MailTransportError {
    .smtpRejected(
      server: "smtps://memory", step: "MAIL FROM", reply: SMTPReply(code: code, text: "scripted"))
  }

  static let unreachable = MailTransportError.curl(
    server: "smtps://memory", step: "connect", code: 7, message: "connection refused", reply: nil)

  func send(from sender: MailAddress, to recipients: [MailAddress], data: [UInt8]) async throws
    -> SMTPDeliveryReport
  {
    let (answer, count) = state.withLock { state in
      state.sent.append(Sent(from: sender.address, to: recipients.map(\.address)))
      let answer = state.script.isEmpty ? Answer.refusing([:]) : state.script.removeFirst()
      return (answer, state.sent.count)
    }
    onSend?(count)
    switch answer {
    case .failing(let error):
      throw error
    case .refusing(let refused):
      return SMTPDeliveryReport(
        outcomes: recipients.map { recipient in
          if let code = refused[recipient.address] {
            return (recipient, .refused(SMTPReply(code: code, text: "scripted refusal")))
          }
          return (recipient, .accepted)
        }, dataReply: SMTPReply(code: 250, text: "OK queued as MEM1"))
    }
  }
}
