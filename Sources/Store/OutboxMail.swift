import Foundation

/// A mail to send, as the workflow queues it. The bytes are final: the Message-ID in
/// `messageID` is already in `data`'s header, so a retry resends the identical message.
public struct OutboxMail: Sendable, Hashable {
  /// `notification`, `acknowledgement`, `reminder`, `reply`, `approval_request`, `digest`,
  /// `misdirected`, `unrouted`, `sent_outside_the_tool`, ... (see Workflow's `MailKind`).
  public var kind: String
  /// The statement this mail is about, when there is one.
  public var statementID: String?
  public var messageID: String
  public var envelopeFrom: String
  public var recipients: [String]
  /// The complete RFC 5322 message.
  public var data: [UInt8]
  /// At most one mail is ever queued per key (`ack:LS-2026-0042`, `reminder:LS-2026-0042:7d`).
  public var dedupeKey: String
  /// Not sent before this instant.
  public var notBefore: Date

  public init(
    kind: String, statementID: String? = nil, messageID: String, envelopeFrom: String,
    recipients: [String], data: [UInt8], dedupeKey: String, notBefore: Date
  ) {
    self.kind = kind
    self.statementID = statementID
    self.messageID = messageID
    self.envelopeFrom = envelopeFrom
    self.recipients = recipients
    self.data = data
    self.dedupeKey = dedupeKey
    self.notBefore = notBefore
  }
}

/// Where an outbox entry stands.
public enum OutboxStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Waiting for its first attempt or a retry.
  case queued
  case sent
  /// Given up: a permanent (5xx) refusal, or retries exhausted. Visible in `outboxCounts`.
  case failed
  /// Kept back by the outbound policy: over the daily cap to an address outside the
  /// registry. Never sent by the outbox loop; listed on `/iab`.
  case held
  /// Not an allowed recipient (SPEC "What goes out"): recorded with the reason, never sent.
  case refused
}

/// One entry of the outbox with its delivery history.
public struct OutboxItem: Sendable, Hashable {
  public var id: Int64
  public var mail: OutboxMail
  public var attempts: Int
  public var lastError: String?
  public var status: OutboxStatus
  /// When the next attempt is due (for queued entries).
  public var nextAttempt: Date
  public var queuedAt: Date
  public var sentAt: Date?

  public init(
    id: Int64, mail: OutboxMail, attempts: Int, lastError: String?, status: OutboxStatus,
    nextAttempt: Date, queuedAt: Date, sentAt: Date?
  ) {
    self.id = id
    self.mail = mail
    self.attempts = attempts
    self.lastError = lastError
    self.status = status
    self.nextAttempt = nextAttempt
    self.queuedAt = queuedAt
    self.sentAt = sentAt
  }
}

/// The result of `enqueue`: the entry's id either way.
public enum OutboxEnqueueResult: Sendable, Hashable {
  case queued(Int64)
  /// An entry with the same dedupe key exists (whatever its status); nothing was added.
  case alreadyQueued(Int64)

  public var id: Int64 {
    switch self {
    case .queued(let id), .alreadyQueued(let id): return id
    }
  }
}

/// How many outbox entries are in each status.
public struct OutboxCounts: Sendable, Hashable {
  public var queued: Int
  public var sent: Int
  public var failed: Int
  public var held: Int
  public var refused: Int

  public init(queued: Int = 0, sent: Int = 0, failed: Int = 0, held: Int = 0, refused: Int = 0) {
    self.queued = queued
    self.sent = sent
    self.failed = failed
    self.held = held
    self.refused = refused
  }
}
