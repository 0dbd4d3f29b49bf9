import Foundation

/// A For-Information statement the process did not acknowledge (its `not_acknowledged`
/// event), as `/iab` lists it: the Send Reply To it named was not mailed. Sender, address
/// and reason are hostile text; a page shows them escaped.
public struct WithheldAcknowledgement: Sendable, Hashable {
  public var statementID: String
  /// ISO 8601 UTC, as recorded.
  public var receivedAt: String
  /// The From header's address (else its text, else the first From contact), or "".
  public var sender: String
  /// The Send Reply To the statement names, which got nothing; nil when it names none.
  public var sendReplyTo: String?
  /// The acknowledgement policy's reason (the event's detail).
  public var reason: String

  public init(
    statementID: String, receivedAt: String, sender: String, sendReplyTo: String?, reason: String
  ) {
    self.statementID = statementID
    self.receivedAt = receivedAt
    self.sender = sender
    self.sendReplyTo = sendReplyTo
    self.reason = reason
  }
}

/// The acknowledgements withheld since a date: the newest ones, and how many named each
/// Send Reply To in all, so that a flood aimed at one address stands out.
public struct WithheldAcknowledgementPage: Sendable, Hashable {
  public struct AddressCount: Sendable, Hashable {
    /// Lower-cased.
    public var address: String
    public var count: Int

    public init(address: String, count: Int) {
      self.address = address
      self.count = count
    }
  }

  /// Newest first.
  public var items: [WithheldAcknowledgement]
  /// Every withheld acknowledgement in the window, not only those shown.
  public var total: Int
  /// Most named first.
  public var addresses: [AddressCount]

  public init(items: [WithheldAcknowledgement], total: Int, addresses: [AddressCount]) {
    self.items = items
    self.total = total
    self.addresses = addresses
  }

  public static let empty = WithheldAcknowledgementPage(items: [], total: 0, addresses: [])
}
