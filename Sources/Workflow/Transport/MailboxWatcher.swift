import MailTransport

/// Notices new mail between poll cycles; `IMAPIdler` (IMAP IDLE) in production.
public protocol MailboxWatcher: Sendable {
  /// Returns when `mailbox` has news (true) or `timeout` passed (false); at once when its
  /// UIDNEXT is no longer `knownUIDNext`. Ends early, throwing, when the task is cancelled.
  func waitForNews(in mailbox: String, knownUIDNext: UInt32?, timeout: Duration) async throws
    -> Bool
}

extension IMAPIdler: MailboxWatcher {}
