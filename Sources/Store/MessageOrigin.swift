/// Where a recorded message came from: an IMAP mailbox position, or a local file (`ingest`).
public enum MessageOrigin: Sendable, Hashable, CustomStringConvertible {
  case imap(mailbox: String, uidValidity: UInt32, uid: UInt32)
  case file(path: String)

  public var description: String {
    switch self {
    case .imap(let mailbox, let uidValidity, let uid):
      return "IMAP \(mailbox) UIDVALIDITY \(uidValidity) UID \(uid)"
    case .file(let path):
      return "file \(path)"
    }
  }
}
