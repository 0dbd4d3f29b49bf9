import Liaison
import Store

/// One private record as a line of `/iab`: text only, never a link (its id answers 404
/// publicly). Sender and subject are hostile; the template escapes them, and a command
/// address in them is cut first.
struct PrivateMailRowView: Sendable {
  var id: String
  var kind: String
  var state: String
  var received: String
  var sender: String
  var subject: String
  var why: String

  init(_ mail: PrivateMail, commandAddresses: CommandAddresses) {
    id = mail.id
    kind = MessageKind(rawValue: mail.kind).map(Labels.kind) ?? mail.kind
    state = Labels.state(mail.state)
    received = Timestamp.display(mail.receivedAt)
    let sender = commandAddresses.redact(mail.sender)
    self.sender = sender.isEmpty ? "Unknown sender" : sender
    let subject = commandAddresses.redact(mail.subject)
    self.subject = subject.isEmpty ? "(no subject)" : subject
    why = commandAddresses.redact(mail.why)
  }
}
