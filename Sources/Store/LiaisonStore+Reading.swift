import Foundation
import GRDB
import Liaison
import MIME

extension LiaisonStore {
  /// The record `id`, or nil when there is none in `scope` (a private record asked for
  /// publicly is as absent as an unknown id).
  public func statement(id: String, scope: RecordScope = .everything) throws(StoreError)
    -> StatementRecord?
  {
    try read("read statement \(id)") { db in
      let id = try Self.resolve(db, id)
      guard let row = try Self.statementRow(db, id: id),
        scope.admits(
          MessageKind(rawValue: row.kind) ?? .notLiaison,
          direction: Direction(rawValue: row.direction), state: StatementState(rawValue: row.state))
      else {
        return nil
      }
      return try records(db, rows: [row], all: false, scope: scope).first
    }
  }

  /// One page of statements matching `filter`: newest first, or best match first when
  /// searching text; `total` counts every match.
  public func list(_ filter: StatementFilter) throws(StoreError) -> StatementPage {
    let query = try StatementQueryBuilder(filter)
    return try read("list statements") { db in
      let total = try Int.fetchOne(db, sql: query.countSQL, arguments: query.arguments) ?? 0
      let rows = try StatementRow.fetchAll(db, sql: query.pageSQL, arguments: query.pageArguments)
      return StatementPage(
        items: try records(db, rows: rows, all: false, scope: filter.scope), total: total)
    }
  }

  /// Every record in `scope`, in id order (year, then sequence). `export --json` and the
  /// API's whole list are the public record; `export --all` is the operator's.
  public func export(scope: RecordScope = .everything) throws(StoreError) -> [StatementRecord] {
    try read("export the record") { db in
      let condition = scope.condition
      let rows = try StatementRow.fetchAll(
        db,
        sql: """
          SELECT * FROM statement \(condition.map { "WHERE " + $0.sql } ?? "")
          ORDER BY year, sequence, id
          """, arguments: StatementArguments(condition?.arguments ?? []))
      return try records(db, rows: rows, all: condition == nil, scope: scope)
    }
  }

  /// What the public record leaves out, newest first, as the IAB sees it on `/iab`: kind,
  /// date, sender and subject (read from the mail's own header, since private mail is often
  /// no liaison statement with fields of its own). `since`: only what was received at or
  /// after it (the weekly digest's week).
  public func privateMail(limit: Int, offset: Int, since: Date? = nil) throws(StoreError)
    -> PrivateMailPage
  {
    guard (1...StatementFilter.maximumLimit).contains(limit), offset >= 0 else {
      throw .invalidArgument(
        name: "limit", value: "\(limit), offset \(offset)",
        reason: "limit must be between 1 and \(StatementFilter.maximumLimit), offset not negative")
    }
    var condition = RecordScope.privateCondition
    if let since {
      condition.sql += " AND statement.received_at >= ?"
      condition.arguments.append(ISOTime.string(since))
    }
    return try read("list private mail") { db in
      let total =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM statement WHERE \(condition.sql)",
          arguments: StatementArguments(condition.arguments)) ?? 0
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT statement.id, statement.kind, statement.state, statement.received_at,
            statement.title, statement.from_contacts, statement.route_reason,
            statement.defects,
            substr(raw_message.data, 1, \(PrivateMail.headerReadLimit)) AS data
          FROM statement LEFT JOIN raw_message ON raw_message.statement_id = statement.id
          WHERE \(condition.sql)
          ORDER BY statement.received_at DESC, statement.number DESC LIMIT ? OFFSET ?
          """, arguments: StatementArguments(condition.arguments) + [limit, offset])
      let items = rows.map { row in
        let data: Data? = row["data"]
        let contacts =
          (try? JSONDecoder().decode(
            [String].self, from: Data((row["from_contacts"] as String).utf8)))
          ?? []
        return PrivateMail(
          id: row["id"], kind: row["kind"], state: StatementState(rawValue: row["state"]),
          receivedAt: row["received_at"], header: data.map { [UInt8]($0) } ?? [],
          title: row["title"], fromContacts: contacts,
          why: Self.whyNotRouted(
            state: StatementState(rawValue: row["state"]), routeReason: row["route_reason"],
            defects: row["defects"]))
      }
      return PrivateMailPage(items: items, total: total)
    }
  }

  /// A private record's reason: a quarantined mail's first defect (why it could not be
  /// read), else the reason its route states.
  static func whyNotRouted(state: StatementState, routeReason: String, defects: String)
    -> String
  {
    if state == .quarantined,
      let first = (try? JSONDecoder().decode([String].self, from: Data(defects.utf8)))?.first
    {
      return "quarantined: " + first
    }
    return routeReason
  }

  /// The mail exactly as it arrived.
  public func rawMessage(id: String) throws(StoreError) -> [UInt8]? {
    try read("read the raw message of \(id)") { db in
      try RawMessageRow.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM raw_message WHERE statement_id = ?"),
        arguments: [try Self.resolve(db, id)]
      ).map { [UInt8]($0.data) }
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
  /// `all` reads the side tables whole (export) instead of by id list. In the public scope,
  /// links to private records (a chair's draft answering a statement) are left out, and
  /// every command address in the texts is cut (`commandAddresses`).
  func records(_ db: Database, rows: [StatementRow], all: Bool, scope: RecordScope)
    throws -> [StatementRecord]
  {
    guard !rows.isEmpty else { return [] }
    let ids = rows.map(\.id)
    // One record (what the process reads per message) uses statements compiled once per
    // connection; a page or an export compiles its own.
    func statement(_ sql: String) throws -> Statement {
      ids.count == 1 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }
    let forIDs = all ? "" : "WHERE statement_id IN (\(databaseQuestionMarks(count: ids.count)))"
    let idArguments = all ? StatementArguments() : StatementArguments(ids)

    let sourceRows = try FieldSourceRow.fetchAll(
      statement("SELECT * FROM field_source \(forIDs)"), arguments: idArguments)
    var sources: [String: [String: FieldSource]] = [:]
    for row in sourceRows {
      sources[row.statementID, default: [:]][row.field] = FieldSource(rawValue: row.source)
    }

    let attachmentRows = try AttachmentRow.fetchAll(
      statement("SELECT * FROM attachment \(forIDs) ORDER BY statement_id, position"),
      arguments: idArguments)
    let attachments = Dictionary(grouping: attachmentRows, by: \.statementID)

    let eventRows = try EventRow.fetchAll(
      statement("SELECT * FROM event \(forIDs) ORDER BY id"), arguments: idArguments)
    let events = Dictionary(grouping: eventRows, by: \.statementID)

    let scopeCondition = scope.condition
    let scopeSQL = scopeCondition.map { " AND " + $0.sql } ?? ""
    let scopeArguments = StatementArguments(scopeCondition?.arguments ?? [])
    let responseRows =
      all
      ? try Row.fetchAll(
        db,
        sql: """
          SELECT id, answers FROM statement WHERE answers IS NOT NULL\(scopeSQL)
          ORDER BY year, sequence
          """, arguments: scopeArguments)
      : try Row.fetchAll(
        statement(
          """
          SELECT id, answers FROM statement
          WHERE answers IN (\(databaseQuestionMarks(count: ids.count)))\(scopeSQL)
          ORDER BY year, sequence
          """), arguments: StatementArguments(ids) + scopeArguments)
    let answered = Set(rows.compactMap(\.answers))
    let visibleAnswered: Set<String> =
      scopeCondition == nil || answered.isEmpty
      ? answered
      : Set(
        try String.fetchAll(
          db,
          sql: """
            SELECT id FROM statement
            WHERE id IN (\(databaseQuestionMarks(count: answered.count)))\(scopeSQL)
            """, arguments: StatementArguments(Array(answered)) + scopeArguments))
    var responses: [String: [String]] = [:]
    for row in responseRows {
      responses[row["answers"], default: []].append(row["id"])
    }

    let assembled = rows.map { row in
      StatementRecord(
        id: row.id,
        statement: row.statement(
          attachments: (attachments[row.id] ?? []).map(\.info), sources: sources[row.id] ?? [:]),
        receivedAt: row.receivedAt, state: StatementState(rawValue: row.state),
        events: (events[row.id] ?? []).map(\.event), responses: responses[row.id] ?? [],
        answers: row.answers.flatMap { visibleAnswered.contains($0) ? $0 : nil })
    }
    return scope == .publicRecord ? assembled.map(commandAddresses.redact) : assembled
  }
}
