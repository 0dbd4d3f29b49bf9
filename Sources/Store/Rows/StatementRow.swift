import Foundation
import GRDB
import Liaison

/// A row of `statement`: the extracted fields, the route, the process state.
///
/// Lists (bodies, contacts, identifiers, route groups) are JSON arrays, so that they stay
/// structured and SQLite's `json_each` can search them.
struct StatementRow: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "statement"

  /// The SQLite rowid, also the rowid of the statement's `statement_fts` row.
  var number: Int64?
  var id: String
  var year: Int
  var sequence: Int
  var receivedAt: String
  var kind: String
  var state: String
  var title: String?
  var fromBodies: [String]
  var fromContacts: [String]
  var sendReplyTo: String?
  var toBodies: [String]
  var toContacts: [String]
  var sendTo: String?
  var cc: [String]
  var purpose: String?
  var deadline: String?
  var deadlineText: String?
  var inResponseTo: String?
  var otherIdentifiers: [String]
  var routeGroups: [String]
  var routeRecipients: [String]
  var routeMisdirected: Bool
  var routeReason: String
  var body: String?
  var messageID: String?
  /// The Message-ID without angle brackets, lower-cased: what dedupe and linking compare.
  var messageIDKey: String?
  var inReplyTo: [String]
  var defects: [String]
  /// SHA-256 over the normalised content, to recognise a resent mail with new headers.
  var contentKey: String
  /// The id of the statement this one answers.
  var answers: String?
  /// What the receiving MTA said of the sender (JSON); nil for a record made before it
  /// was kept.
  var authentication: SenderAuthentication?
  /// `incoming` or `outgoing` (migration v8-direction).
  var direction: String
  /// Who forwarded the statement to the gateway (JSON; migration v9-forwarded).
  var forwarded: Forwarding?

  enum CodingKeys: String, CodingKey, ColumnExpression {
    case number, id, year, sequence
    case receivedAt = "received_at"
    case kind, state, title
    case fromBodies = "from_bodies"
    case fromContacts = "from_contacts"
    case sendReplyTo = "send_reply_to"
    case toBodies = "to_bodies"
    case toContacts = "to_contacts"
    case sendTo = "send_to"
    case cc, purpose, deadline
    case deadlineText = "deadline_text"
    case inResponseTo = "in_response_to"
    case otherIdentifiers = "other_identifiers"
    case routeGroups = "route_groups"
    case routeRecipients = "route_recipients"
    case routeMisdirected = "route_misdirected"
    case routeReason = "route_reason"
    case body
    case messageID = "message_id"
    case messageIDKey = "message_id_key"
    case inReplyTo = "in_reply_to"
    case defects
    case contentKey = "content_key"
    case answers, authentication, direction, forwarded
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    number = inserted.rowID
  }

  // Written out rather than through Codable: the process reads a statement's row several
  // times per message, and the generic decoder went through `JSONDecoder` for each of its
  // eleven lists (JSONStrings).
  init(row: Row) throws {
    func strings(_ column: CodingKeys) throws -> [String] {
      guard let text: String = row[column.rawValue] else { return [] }
      guard let strings = JSONStrings.decode(text) else {
        throw StoreError.corruptRow(table: Self.databaseTableName, column: column.rawValue)
      }
      return strings
    }
    func json<T: Decodable>(_ column: CodingKeys, as type: T.Type) throws -> T? {
      guard let text: String = row[column.rawValue] else { return nil }
      return try Self.databaseJSONDecoder(for: column.rawValue).decode(type, from: Data(text.utf8))
    }
    number = row[CodingKeys.number.rawValue]
    id = row[CodingKeys.id.rawValue]
    year = row[CodingKeys.year.rawValue]
    sequence = row[CodingKeys.sequence.rawValue]
    receivedAt = row[CodingKeys.receivedAt.rawValue]
    kind = row[CodingKeys.kind.rawValue]
    state = row[CodingKeys.state.rawValue]
    title = row[CodingKeys.title.rawValue]
    fromBodies = try strings(.fromBodies)
    fromContacts = try strings(.fromContacts)
    sendReplyTo = row[CodingKeys.sendReplyTo.rawValue]
    toBodies = try strings(.toBodies)
    toContacts = try strings(.toContacts)
    sendTo = row[CodingKeys.sendTo.rawValue]
    cc = try strings(.cc)
    purpose = row[CodingKeys.purpose.rawValue]
    deadline = row[CodingKeys.deadline.rawValue]
    deadlineText = row[CodingKeys.deadlineText.rawValue]
    inResponseTo = row[CodingKeys.inResponseTo.rawValue]
    otherIdentifiers = try strings(.otherIdentifiers)
    routeGroups = try strings(.routeGroups)
    routeRecipients = try strings(.routeRecipients)
    routeMisdirected = row[CodingKeys.routeMisdirected.rawValue]
    routeReason = row[CodingKeys.routeReason.rawValue]
    body = row[CodingKeys.body.rawValue]
    messageID = row[CodingKeys.messageID.rawValue]
    messageIDKey = row[CodingKeys.messageIDKey.rawValue]
    inReplyTo = try strings(.inReplyTo)
    defects = try strings(.defects)
    contentKey = row[CodingKeys.contentKey.rawValue]
    answers = row[CodingKeys.answers.rawValue]
    authentication = try json(.authentication, as: SenderAuthentication.self)
    direction = row[CodingKeys.direction.rawValue]
    forwarded = try json(.forwarded, as: Forwarding.self)
  }

  func encode(to container: inout PersistenceContainer) throws {
    func json<T: Encodable>(_ value: T?, _ column: CodingKeys) throws -> String? {
      guard let value else { return nil }
      let encoder = Self.databaseJSONEncoder(for: column.rawValue)
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    container[CodingKeys.number.rawValue] = number
    container[CodingKeys.id.rawValue] = id
    container[CodingKeys.year.rawValue] = year
    container[CodingKeys.sequence.rawValue] = sequence
    container[CodingKeys.receivedAt.rawValue] = receivedAt
    container[CodingKeys.kind.rawValue] = kind
    container[CodingKeys.state.rawValue] = state
    container[CodingKeys.title.rawValue] = title
    container[CodingKeys.fromBodies.rawValue] = JSONStrings.encode(fromBodies)
    container[CodingKeys.fromContacts.rawValue] = JSONStrings.encode(fromContacts)
    container[CodingKeys.sendReplyTo.rawValue] = sendReplyTo
    container[CodingKeys.toBodies.rawValue] = JSONStrings.encode(toBodies)
    container[CodingKeys.toContacts.rawValue] = JSONStrings.encode(toContacts)
    container[CodingKeys.sendTo.rawValue] = sendTo
    container[CodingKeys.cc.rawValue] = JSONStrings.encode(cc)
    container[CodingKeys.purpose.rawValue] = purpose
    container[CodingKeys.deadline.rawValue] = deadline
    container[CodingKeys.deadlineText.rawValue] = deadlineText
    container[CodingKeys.inResponseTo.rawValue] = inResponseTo
    container[CodingKeys.otherIdentifiers.rawValue] = JSONStrings.encode(otherIdentifiers)
    container[CodingKeys.routeGroups.rawValue] = JSONStrings.encode(routeGroups)
    container[CodingKeys.routeRecipients.rawValue] = JSONStrings.encode(routeRecipients)
    container[CodingKeys.routeMisdirected.rawValue] = routeMisdirected
    container[CodingKeys.routeReason.rawValue] = routeReason
    container[CodingKeys.body.rawValue] = body
    container[CodingKeys.messageID.rawValue] = messageID
    container[CodingKeys.messageIDKey.rawValue] = messageIDKey
    container[CodingKeys.inReplyTo.rawValue] = JSONStrings.encode(inReplyTo)
    container[CodingKeys.defects.rawValue] = JSONStrings.encode(defects)
    container[CodingKeys.contentKey.rawValue] = contentKey
    container[CodingKeys.answers.rawValue] = answers
    container[CodingKeys.authentication.rawValue] = try json(authentication, .authentication)
    container[CodingKeys.direction.rawValue] = direction
    container[CodingKeys.forwarded.rawValue] = try json(forwarded, .forwarded)
  }

  init(
    id: String, year: Int, sequence: Int, receivedAt: String, state: StatementState,
    statement s: ExtractedStatement, contentKey: String
  ) {
    self.id = id
    self.year = year
    self.sequence = sequence
    self.receivedAt = receivedAt
    self.kind = s.kind.rawValue
    self.state = state.rawValue
    self.title = s.title
    self.fromBodies = s.from
    self.fromContacts = s.fromContacts
    self.sendReplyTo = s.sendReplyTo
    self.toBodies = s.to
    self.toContacts = s.toContacts
    self.sendTo = s.sendTo
    self.cc = s.cc
    self.purpose = s.purpose?.rawValue
    self.deadline = s.deadline
    self.deadlineText = s.deadlineText
    self.inResponseTo = s.inResponseTo
    self.otherIdentifiers = s.otherIdentifiers
    self.routeGroups = s.route.groups
    self.routeRecipients = s.route.recipients
    self.routeMisdirected = s.route.misdirected
    self.routeReason = s.route.reason
    self.body = s.body
    self.messageID = s.messageID
    self.messageIDKey = s.messageID.flatMap(MessageIDKey.normalise)
    self.inReplyTo = s.inReplyTo
    self.defects = s.defects
    self.contentKey = contentKey
    self.answers = nil
    self.authentication = s.authentication
    self.direction = s.direction.rawValue
    self.forwarded = s.forwarded
  }

  var route: RouteDecision {
    RouteDecision(
      groups: routeGroups, recipients: routeRecipients, misdirected: routeMisdirected,
      reason: routeReason)
  }

  /// The extracted statement, with the attachment list and provenance read beside it.
  func statement(attachments: [AttachmentInfo], sources: [String: FieldSource])
    -> ExtractedStatement
  {
    ExtractedStatement(
      kind: MessageKind(rawValue: kind) ?? .notLiaison, title: title, from: fromBodies,
      fromContacts: fromContacts, sendReplyTo: sendReplyTo, to: toBodies, toContacts: toContacts,
      sendTo: sendTo, cc: cc, purpose: purpose.map(Purpose.init(rawValue:)), deadline: deadline,
      deadlineText: deadlineText, inResponseTo: inResponseTo, otherIdentifiers: otherIdentifiers,
      attachments: attachments, route: route, body: body, messageID: messageID,
      inReplyTo: inReplyTo, sources: sources, defects: defects, authentication: authentication,
      direction: Direction(rawValue: direction), forwarded: forwarded)
  }
}
