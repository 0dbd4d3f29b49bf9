import MailTransport

/// What the mailbox poller needs from the IMAP server; `IMAPClient` in production, an
/// in-memory mailbox in the cycle's logic tests.
///
/// Every call that names a UIDVALIDITY throws `MailTransportError.uidValidityChanged`
/// when the mailbox was recreated since, and `.messageNotFound` for a UID that is gone.
public protocol Mailbox: Sendable {
  func status(of mailbox: String) async throws -> MailboxStatus
  /// The UIDs from `uid` upwards, ascending.
  func searchUIDs(in mailbox: String, uidValidity: UInt32, from uid: UInt32) async throws
    -> [UInt32]
  /// RFC822.SIZE of each message, before anything is downloaded.
  func sizes(in mailbox: String, uidValidity: UInt32, uids: [UInt32]) async throws
    -> [UInt32: Int]
  func fetchMessage(in mailbox: String, uidValidity: UInt32, uid: UInt32, expectedSize: Int?)
    async throws -> [UInt8]
  /// The bytes of many messages at once, by UID (one round trip where the server allows);
  /// a UID missing from the answer is fetched alone with `fetchMessage`.
  func fetchMessages(
    in mailbox: String, uidValidity: UInt32, uids: [UInt32], expectedSizes: [UInt32: Int]
  ) async throws -> [UInt32: [UInt8]]
  func fetchHeader(in mailbox: String, uidValidity: UInt32, uid: UInt32) async throws -> [UInt8]
  /// Moves the messages to `target`, creating it when missing.
  func move(uids: [UInt32], from mailbox: String, uidValidity: UInt32, to target: String)
    async throws
}

extension Mailbox {
  /// No batch download: every message is fetched alone.
  public func fetchMessages(
    in mailbox: String, uidValidity: UInt32, uids: [UInt32], expectedSizes: [UInt32: Int]
  ) async throws -> [UInt32: [UInt8]] { [:] }
}

extension IMAPClient: Mailbox {}
