import Foundation
import GRDB
import Liaison
import MIME

extension LiaisonStore {
  /// The alias source of statements imported from the datatracker.
  public static let datatrackerSource = "datatracker"

  /// A statement already on the record is taken for one of the history when their folded
  /// titles are equal and they were received this close together.
  static let historyMatchWindow: TimeInterval = 31 * 86_400

  /// Records `entries` as read-only history, each in its own transaction, then links those
  /// that answer another (`HistoryStatement.answers`) through `linkResponse`.
  ///
  /// Writes no outbox mail and changes no state but the answered ones': the history is
  /// record, not process. Idempotent: an alias already known is left as it is, so a second
  /// import of the same pages changes nothing. A statement that came by mail before the
  /// import (same folded title, received within `historyMatchWindow`) gets the alias
  /// instead of a second record.
  public func importHistory(_ entries: [HistoryStatement]) throws(StoreError)
    -> [HistoryImportOutcome]
  {
    var outcomes: [HistoryImportOutcome] = []
    for entry in entries {
      if let id = try statementID(source: entry.source, alias: entry.alias) {
        outcomes.append(.unchanged(alias: entry.alias, id: id))
        continue
      }
      for attachment in entry.attachments {
        try files.store(attachment.data, sha256: SHA256Hex.of(attachment.data))
      }
      let outcome = try write("import \(entry.source) liaison \(entry.alias)") { db in
        try Self.importOne(db, entry, commandAddresses: commandAddresses)
      }
      outcomes.append(outcome)
    }
    for entry in entries {
      guard let answered = entry.answers,
        let response = try statementID(source: entry.source, alias: entry.alias),
        let original = try statementID(source: entry.source, alias: answered),
        response != original
      else { continue }
      let current = try read("read the link of \(response)") { db in
        try Self.existing(db, response).answers
      }
      // A link the process made is not overridden by the history's.
      guard current == nil || current == original else { continue }
      try linkResponse(responseID: response, toOriginal: original, at: entry.submittedAt)
    }
    return outcomes
  }

  /// The record id that `alias` of `source` names, or nil.
  public func statementID(source: String, alias: String) throws(StoreError) -> String? {
    try read("look up \(source) alias \(alias)") { db in
      try String.fetchOne(
        db, sql: "SELECT statement_id FROM statement_alias WHERE source = ? AND alias = ?",
        arguments: [source, alias])
    }
  }

  /// The aliases of every record that has one, by record id: `source` -> alias.
  public func aliases(source: String) throws(StoreError) -> [String: String] {
    try read("read the \(source) aliases") { db in
      var aliases: [String: String] = [:]
      let rows = try Row.fetchAll(
        db, sql: "SELECT statement_id, alias FROM statement_alias WHERE source = ?",
        arguments: [source])
      for row in rows { aliases[row["statement_id"]] = row["alias"] }
      return aliases
    }
  }

  // MARK: Internals

  private static func importOne(
    _ db: Database, _ entry: HistoryStatement, commandAddresses: CommandAddresses
  ) throws -> HistoryImportOutcome {
    let origin =
      [entry.source, "liaison", entry.alias].joined(separator: " ")
      + (entry.url.map { " (\($0))" } ?? "")
    if let id = try recordedBeforeImport(db, entry) {
      try db.execute(
        sql: """
          INSERT INTO statement_alias (source, alias, statement_id, url, imported)
          VALUES (?, ?, ?, ?, 0)
          """, arguments: [entry.source, entry.alias, id, entry.url])
      try appendEvent(
        db, id: id, kind: .imported, detail: "the same statement as \(origin)",
        at: entry.submittedAt)
      return .matched(alias: entry.alias, id: id)
    }
    var statement = entry.statement
    statement.kind = .statement
    statement.messageID = nil
    statement.inReplyTo = []
    statement.attachments = entry.attachments.map { attachment in
      var info = attachment.info
      info.sha256 = SHA256Hex.of(attachment.data)
      info.size = attachment.data.count
      return info
    }
    let state: StatementState = statement.direction == .outgoing ? .sent : .closed
    let year = ISOTime.year(entry.submittedAt)
    let (id, sequence) = try nextID(db, series: StatementID.Series(kind: .statement), year: year)
    var row = StatementRow(
      id: id, year: year, sequence: sequence, receivedAt: ISOTime.string(entry.submittedAt),
      state: state, statement: statement,
      contentKey: ContentKey.make(statement, attachmentDigests: statement.attachments.map(\.sha256))
    )
    try row.insert(db)
    try insertResponseKeys(
      db, number: db.lastInsertedRowID, title: statement.title,
      identifiers: statement.otherIdentifiers)
    for (field, source) in statement.sources {
      try FieldSourceRow(statementID: id, field: field, source: source.rawValue).insert(db)
    }
    for (position, attachment) in entry.attachments.enumerated() {
      let info = statement.attachments[position]
      try AttachmentRow(
        statementID: id, position: position, filename: info.filename,
        contentType: info.contentType, size: info.size, sha256: info.sha256, text: attachment.text
      ).insert(db)
    }
    try insertSearchEntry(
      db, number: row.number, statement: statement,
      attachments: zip(statement.attachments, entry.attachments).map { ($0.filename, $1.text) },
      commandAddresses: commandAddresses)
    try db.execute(
      sql: """
        INSERT INTO statement_alias (source, alias, statement_id, url, imported)
        VALUES (?, ?, ?, ?, 1)
        """, arguments: [entry.source, entry.alias, id, entry.url])
    try appendEvent(
      db, id: id, kind: .imported,
      detail: origin, at: entry.submittedAt)
    return .imported(alias: entry.alias, id: id)
  }

  /// A statement recorded by mail that the history also holds: the same direction and
  /// folded title, received within `historyMatchWindow` of its submission, with no alias
  /// of this source yet.
  private static func recordedBeforeImport(_ db: Database, _ entry: HistoryStatement) throws
    -> String?
  {
    try historyTwin(
      db, title: entry.statement.title, direction: entry.statement.direction,
      at: entry.submittedAt, among: .recordedByMail(unaliasedIn: entry.source))
  }

  /// Where `historyTwin` looks.
  enum TwinSide {
    /// Statements recorded by mail that have no alias of this source yet.
    case recordedByMail(unaliasedIn: String)
    /// Statements imported from a history whose mail has not come.
    case importedWithoutMail
  }

  /// The one rule that takes a mail and an entry of the imported history for the same
  /// statement, whichever came first: the same direction and folded title, received within
  /// `historyMatchWindow` of each other. The oldest such record on `side`, or nil.
  static func historyTwin(
    _ db: Database, title: String?, direction: Direction, at date: Date, among side: TwinSide
  ) throws -> String? {
    guard let title = ResponseMatcher.keys(title: title, identifiers: []).title else { return nil }
    var arguments: StatementArguments = [title, direction.rawValue]
    let condition: String
    switch side {
    case .recordedByMail(let source):
      condition = "statement.id NOT IN (SELECT statement_id FROM statement_alias WHERE source = ?)"
      arguments += [source]
    case .importedWithoutMail:
      condition = """
        statement.id IN (SELECT statement_id FROM statement_alias WHERE imported = 1)
          AND statement.id NOT IN (SELECT statement_id FROM raw_message)
        """
    }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT statement.id, statement.received_at FROM response_key
        JOIN statement ON statement.number = response_key.number
        WHERE response_key.kind = 'title' AND response_key.key = ?
          AND statement.kind = 'statement' AND statement.direction = ?
          AND \(condition)
        ORDER BY statement.number
        """,
      arguments: arguments)
    for row in rows {
      guard let received = ISO8601DateFormatter().date(from: row["received_at"]) else { continue }
      if abs(received.timeIntervalSince(date)) <= historyMatchWindow {
        return row["id"]
      }
    }
    return nil
  }

  /// The condition that makes a statement one the IETF sent, for the linker: an outgoing
  /// statement of the imported history (liaisond's own are found by their outbox mail).
  static let importedIETFStatementSQL = """
    (statement.direction = 'outgoing' AND statement.id IN (SELECT statement_id FROM statement_alias))
    """

  /// The datatracker liaisons a text names by their page
  /// (`https://datatracker.ietf.org/liaison/1234/`), as aliases.
  static func datatrackerAliases(in text: String) -> [String] {
    var aliases: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: "/liaison/") {
      let digits = rest[range.upperBound...].prefix(while: \.isNumber)
      if !digits.isEmpty, !aliases.contains(String(digits)) { aliases.append(String(digits)) }
      rest = rest[range.upperBound...]
    }
    return aliases
  }
}
