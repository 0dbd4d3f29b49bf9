import Foundation
import GRDB

/// A row of `outbox`: one outgoing mail, its final bytes and its delivery state.
/// Times are seconds since 1970 (REAL) so that retry arithmetic stays exact.
struct OutboxRow: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "outbox"

  var id: Int64?
  var kind: String
  var statementID: String?
  var messageID: String
  var messageIDKey: String
  var envelopeFrom: String
  var recipients: [String]
  var data: Data
  var dedupeKey: String
  var status: String
  var attempts: Int
  var lastError: String?
  var notBefore: Double
  var nextAttempt: Double
  var queuedAt: Double
  var sentAt: Double?
  /// Why the outbound policy held or refused the mail (`held` and `refused` only).
  var withheldReason: String?
  /// The subject as text, kept for `/iab` beside held and refused mail.
  var subject: String?

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case id, kind
    case statementID = "statement_id"
    case messageID = "message_id"
    case messageIDKey = "message_id_key"
    case envelopeFrom = "envelope_from"
    case recipients, data
    case dedupeKey = "dedupe_key"
    case status, attempts
    case lastError = "last_error"
    case notBefore = "not_before"
    case nextAttempt = "next_attempt"
    case queuedAt = "queued_at"
    case sentAt = "sent_at"
    case withheldReason = "withheld_reason"
    case subject
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  init(mail: OutboxMail, queuedAt: Date) {
    kind = mail.kind
    statementID = mail.statementID
    messageID = mail.messageID
    messageIDKey = MessageIDKey.normalise(mail.messageID) ?? ""
    envelopeFrom = mail.envelopeFrom
    recipients = mail.recipients
    data = Data(mail.data)
    dedupeKey = mail.dedupeKey
    status = OutboxStatus.queued.rawValue
    attempts = 0
    lastError = nil
    notBefore = mail.notBefore.timeIntervalSince1970
    nextAttempt = notBefore
    self.queuedAt = queuedAt.timeIntervalSince1970
    sentAt = nil
    withheldReason = nil
    subject = nil
  }

  var item: OutboxItem {
    OutboxItem(
      id: id ?? 0,
      mail: OutboxMail(
        kind: kind, statementID: statementID, messageID: messageID, envelopeFrom: envelopeFrom,
        recipients: recipients, data: [UInt8](data), dedupeKey: dedupeKey,
        notBefore: Date(timeIntervalSince1970: notBefore)),
      attempts: attempts, lastError: lastError, status: OutboxStatus(rawValue: status) ?? .failed,
      nextAttempt: Date(timeIntervalSince1970: nextAttempt),
      queuedAt: Date(timeIntervalSince1970: queuedAt),
      sentAt: sentAt.map(Date.init(timeIntervalSince1970:)))
  }
}
