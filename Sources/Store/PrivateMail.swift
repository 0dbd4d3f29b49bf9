import Foundation
import Liaison
import MIME

/// One record left off the public record, as `/iab` lists it. Sender and subject come from
/// the mail's own header (decoded, as a person would read them) and are hostile text: a
/// page shows them escaped, never as markup.
public struct PrivateMail: Sendable, Hashable {
  /// Bytes of the raw mail read for its header; a header longer than this is cut.
  static let headerReadLimit = 65_536

  public var id: String
  /// The kind as recorded (`reply_to_statement`, `auto_reply`, ...).
  public var kind: String
  public var state: StatementState
  public var receivedAt: String
  /// The From header's address (else its text, else the first From contact), or "".
  public var sender: String
  /// The Subject header, decoded (else the extracted title), or "".
  public var subject: String
  /// Why it was not routed: the classifier's reason (`not routed: automatic mail:
  /// Precedence: bulk`), the quarantine's, or "".
  public var why: String

  public init(
    id: String, kind: String, state: StatementState, receivedAt: String, sender: String,
    subject: String, why: String = ""
  ) {
    self.id = id
    self.kind = kind
    self.state = state
    self.receivedAt = receivedAt
    self.sender = sender
    self.subject = subject
    self.why = why
  }

  init(
    id: String, kind: String, state: StatementState, receivedAt: String, header raw: [UInt8],
    title: String?, fromContacts: [String], why: String
  ) {
    let header = Self.header(of: raw)
    self.init(
      id: id, kind: kind, state: state, receivedAt: receivedAt,
      sender: Self.sender(header, fromContacts: fromContacts),
      subject: header?.subject ?? title ?? "", why: why)
  }

  /// The From header's address of the mail whose first bytes are `raw`, else its text,
  /// else the first From contact, or "".
  static func sender(header raw: [UInt8], fromContacts: [String]) -> String {
    sender(header(of: raw), fromContacts: fromContacts)
  }

  private static func sender(_ header: MIMEHeader?, fromContacts: [String]) -> String {
    let from = header?.addresses("from").first?.address ?? ""
    return from.isEmpty ? (header?["from"] ?? fromContacts.first ?? "") : from
  }

  /// The header block alone, parsed; nil when even that does not parse.
  private static func header(of raw: [UInt8]) -> MIMEHeader? {
    try? MIMEParser().parseHeader(raw)
  }
}

/// One page of `LiaisonStore.privateMail`: the records shown and how many there are.
public struct PrivateMailPage: Sendable, Hashable {
  public var items: [PrivateMail]
  public var total: Int

  public init(items: [PrivateMail], total: Int) {
    self.items = items
    self.total = total
  }
}
