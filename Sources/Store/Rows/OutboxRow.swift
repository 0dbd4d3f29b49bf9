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

  // Written out rather than through Codable: the sender reads and rewrites a row for every
  // mail, and the generic coders went through JSONEncoder/JSONDecoder for `recipients`.
  init(row: Row) throws {
    id = row[CodingKeys.id.rawValue]
    kind = row[CodingKeys.kind.rawValue]
    statementID = row[CodingKeys.statementID.rawValue]
    messageID = row[CodingKeys.messageID.rawValue]
    messageIDKey = row[CodingKeys.messageIDKey.rawValue]
    envelopeFrom = row[CodingKeys.envelopeFrom.rawValue]
    let list: String? = row[CodingKeys.recipients.rawValue]
    guard let recipients = list.flatMap(JSONStrings.decode) else {
      throw StoreError.corruptRow(
        table: Self.databaseTableName, column: CodingKeys.recipients.rawValue)
    }
    self.recipients = recipients
    data = row[CodingKeys.data.rawValue]
    dedupeKey = row[CodingKeys.dedupeKey.rawValue]
    status = row[CodingKeys.status.rawValue]
    attempts = row[CodingKeys.attempts.rawValue]
    lastError = row[CodingKeys.lastError.rawValue]
    notBefore = row[CodingKeys.notBefore.rawValue]
    nextAttempt = row[CodingKeys.nextAttempt.rawValue]
    queuedAt = row[CodingKeys.queuedAt.rawValue]
    sentAt = row[CodingKeys.sentAt.rawValue]
    withheldReason = row[CodingKeys.withheldReason.rawValue]
    subject = row[CodingKeys.subject.rawValue]
  }

  func encode(to container: inout PersistenceContainer) throws {
    container[CodingKeys.id.rawValue] = id
    container[CodingKeys.kind.rawValue] = kind
    container[CodingKeys.statementID.rawValue] = statementID
    container[CodingKeys.messageID.rawValue] = messageID
    container[CodingKeys.messageIDKey.rawValue] = messageIDKey
    container[CodingKeys.envelopeFrom.rawValue] = envelopeFrom
    container[CodingKeys.recipients.rawValue] = JSONStrings.encode(recipients)
    container[CodingKeys.data.rawValue] = data
    container[CodingKeys.dedupeKey.rawValue] = dedupeKey
    container[CodingKeys.status.rawValue] = status
    container[CodingKeys.attempts.rawValue] = attempts
    container[CodingKeys.lastError.rawValue] = lastError
    container[CodingKeys.notBefore.rawValue] = notBefore
    container[CodingKeys.nextAttempt.rawValue] = nextAttempt
    container[CodingKeys.queuedAt.rawValue] = queuedAt
    container[CodingKeys.sentAt.rawValue] = sentAt
    container[CodingKeys.withheldReason.rawValue] = withheldReason
    container[CodingKeys.subject.rawValue] = subject
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
