import Foundation

/// An outbox entry the outbound policy kept back (`held` or `refused`), as `/iab` lists it.
public struct WithheldMail: Sendable, Hashable {
  public var id: Int64
  /// `notification`, `acknowledgement`, `reply`, ...
  public var kind: String
  public var statementID: String?
  public var status: OutboxStatus
  public var recipients: [String]
  public var subject: String
  public var reason: String
  public var queuedAt: Date

  public init(
    id: Int64, kind: String, statementID: String?, status: OutboxStatus, recipients: [String],
    subject: String, reason: String, queuedAt: Date
  ) {
    self.id = id
    self.kind = kind
    self.statementID = statementID
    self.status = status
    self.recipients = recipients
    self.subject = subject
    self.reason = reason
    self.queuedAt = queuedAt
  }
}
