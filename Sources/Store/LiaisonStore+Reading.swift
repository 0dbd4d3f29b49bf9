import Foundation
import GRDB
import Liaison
import MIME

extension LiaisonStore {
  public func statement(id: String) throws(StoreError) -> StatementRecord? {
    try read("read statement \(id)") { db in
      guard let row = try StatementRow.filter(StatementRow.CodingKeys.id == id).fetchOne(db) else {
        return nil
      }
      return try Self.records(db, rows: [row], all: false).first
    }
  }

  /// One page of statements matching `filter`: newest first, or best match first when
  /// searching text; `total` counts every match.
  public func list(_ filter: StatementFilter) throws(StoreError) -> StatementPage {
    let query = try StatementQueryBuilder(filter)
    return try read("list statements") { db in
      let total = try Int.fetchOne(db, sql: query.countSQL, arguments: query.arguments) ?? 0
      let rows = try StatementRow.fetchAll(db, sql: query.pageSQL, arguments: query.pageArguments)
      return StatementPage(items: try Self.records(db, rows: rows, all: false), total: total)
    }
  }

  /// Every statement, in id order (year, then sequence).
  public func export() throws(StoreError) -> [StatementRecord] {
    try read("export the record") { db in
      let rows = try StatementRow.fetchAll(
        db, sql: "SELECT * FROM statement ORDER BY year, sequence")
      return try Self.records(db, rows: rows, all: true)
    }
  }

  /// The mail exactly as it arrived.
  public func rawMessage(id: String) throws(StoreError) -> [UInt8]? {
    try read("read the raw message of \(id)") { db in
      try RawMessageRow.fetchOne(db, key: id).map { [UInt8]($0.data) }
    }
  }

  /// Attachment bytes by content address. Anything but 64 lower-case hex digits is refused
  /// before the file system is touched.
  public func attachment(sha256: String) throws(StoreError) -> [UInt8]? {
    guard SHA256Hex.isValid(sha256) else { throw .invalidDigest(sha256) }
    return try files.read(sha256: sha256)
  }

  /// The file an attachment is stored in (for `show`); nil for an invalid digest.
  public func attachmentPath(sha256: String) -> String? {
    files.path(for: sha256)
  }

  /// The places a statement's message was seen, oldest first.
  public func origins(id: String) throws(StoreError) -> [MessageOrigin] {
    try read("read the origins of \(id)") { db in
      try MessageOriginRow.filter(MessageOriginRow.CodingKeys.statementID == id)
        .order(MessageOriginRow.CodingKeys.id)
        .fetchAll(db)
        .compactMap { row -> MessageOrigin? in
          if row.kind == "imap", let mailbox = row.mailbox, let validity = row.uidValidity,
            let uid = row.uid, let v = UInt32(exactly: validity), let u = UInt32(exactly: uid)
          {
            return .imap(mailbox: mailbox, uidValidity: v, uid: u)
          }
          return row.path.map { .file(path: $0) }
        }
    }
  }

  /// Assembles records with their provenance, attachments, events and responses.
  /// `all` reads the side tables whole (export) instead of by id list.
  static func records(_ db: Database, rows: [StatementRow], all: Bool) throws -> [StatementRecord] {
    guard !rows.isEmpty else { return [] }
    let ids = rows.map(\.id)
    let idColumn = Column("statement_id")

    let sourceRows =
      all
      ? try FieldSourceRow.fetchAll(db)
      : try FieldSourceRow.filter(ids.contains(idColumn)).fetchAll(db)
    var sources: [String: [String: FieldSource]] = [:]
    for row in sourceRows {
      sources[row.statementID, default: [:]][row.field] = FieldSource(rawValue: row.source)
    }

    let attachmentRequest = AttachmentRow.order(idColumn, Column("position"))
    let attachmentRows =
      all
      ? try attachmentRequest.fetchAll(db)
      : try attachmentRequest.filter(ids.contains(idColumn)).fetchAll(db)
    let attachments = Dictionary(grouping: attachmentRows, by: \.statementID)

    let eventRequest = EventRow.order(Column("id"))
    let eventRows =
      all
      ? try eventRequest.fetchAll(db)
      : try eventRequest.filter(ids.contains(idColumn)).fetchAll(db)
    let events = Dictionary(grouping: eventRows, by: \.statementID)

    let responseRows =
      all
      ? try Row.fetchAll(
        db,
        sql: "SELECT id, answers FROM statement WHERE answers IS NOT NULL ORDER BY year, sequence")
      : try Row.fetchAll(
        db,
        sql: """
          SELECT id, answers FROM statement WHERE answers IN (\(databaseQuestionMarks(count: ids.count)))
          ORDER BY year, sequence
          """, arguments: StatementArguments(ids))
    var responses: [String: [String]] = [:]
    for row in responseRows {
      responses[row["answers"], default: []].append(row["id"])
    }

    return rows.map { row in
      StatementRecord(
        id: row.id,
        statement: row.statement(
          attachments: (attachments[row.id] ?? []).map(\.info), sources: sources[row.id] ?? [:]),
        receivedAt: row.receivedAt, state: StatementState(rawValue: row.state),
        events: (events[row.id] ?? []).map(\.event), responses: responses[row.id] ?? [],
        answers: row.answers)
    }
  }
}
