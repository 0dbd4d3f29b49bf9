/// What `STATUS` says about a mailbox: the numbers a poller needs to know what is new.
public struct MailboxStatus: Sendable, Equatable, CustomStringConvertible {
  /// Changes only when the mailbox is recreated; every UID belongs to one UIDVALIDITY.
  public var uidValidity: UInt32
  /// The UID the next message will get: a larger value than the last seen means new mail.
  public var uidNext: UInt32
  public var messages: Int

  public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
    self.uidValidity = uidValidity
    self.uidNext = uidNext
    self.messages = messages
  }

  public var description: String {
    "UIDVALIDITY \(uidValidity) UIDNEXT \(uidNext) MESSAGES \(messages)"
  }
}
