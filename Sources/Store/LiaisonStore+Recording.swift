import Foundation
import GRDB
import Liaison
import Logging
import MIME

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LiaisonStore {
  /// Records one message: the raw bytes, the extracted statement, its attachments and the
  /// position it came from, in one transaction.
  ///
  /// Recognised as a duplicate (and then only the new origin is noted): the same IMAP
  /// position; else the same raw bytes (also after a UIDVALIDITY change, or the same file
  /// ingested twice); else the same Message-ID with the same normalised content; else, for
  /// an authenticated sender's statement, a statement imported from the datatracker whose
  /// mail had not come (`historyTwin`), which then keeps this mail as its raw message. The
  /// same Message-ID with different content is a new statement, with an event saying so.
  public func record(
    raw: [UInt8], extraction: Extraction, origin: MessageOrigin, receivedAt: Date
  ) throws(StoreError) -> RecordOutcome {
    var statement = extraction.statement
    var attachments: [PendingAttachment] = []
    for attachment in extraction.attachments {
      var info = attachment.info
      let actual = SHA256Hex.of(attachment.data)
      // An extractor may leave the digest to the store (empty); a wrong one is worth noting.
      if !info.sha256.isEmpty && info.sha256 != actual {
        statement.defects.append(
          "attachment \(info.filename): the given SHA-256 does not match its bytes; recorded under \(actual)"
        )
      }
      info.sha256 = actual
      info.size = attachment.data.count
      attachments.append(
        PendingAttachment(info: info, text: attachment.text, data: attachment.data))
    }
    let known = Set(attachments.map(\.info.sha256) + extraction.attachments.map(\.info.sha256))
    for info in statement.attachments where !known.contains(info.sha256) {
      statement.defects.append("attachment \(info.filename): listed without its bytes; not stored")
    }
    statement.attachments = attachments.map(\.info)
    let candidate = Candidate(
      raw: raw, rawDigest: SHA256Hex.of(raw), statement: statement, attachments: attachments,
      contentKey: ContentKey.make(statement, attachmentDigests: attachments.map(\.info.sha256)),
      state: Self.initialState(statement), origin: origin, receivedAt: receivedAt)
    return try commit(candidate, quarantineReason: nil)
  }

  /// Keeps a message that could not be parsed exactly as it came, in state `quarantined`,
  /// so that it is reported and can be looked at; it is deduplicated by position and bytes.
  public func recordUnparseable(
    raw: [UInt8], origin: MessageOrigin, reason: String, receivedAt: Date
  ) throws(StoreError) -> RecordOutcome {
    let rawDigest = SHA256Hex.of(raw)
    let statement = ExtractedStatement(
      kind: .notLiaison, route: RouteDecision(reason: "not parsed"), defects: [reason])
    let candidate = Candidate(
      raw: raw, rawDigest: rawDigest, statement: statement, attachments: [],
      contentKey: rawDigest, state: .quarantined, origin: origin, receivedAt: receivedAt)
    return try commit(candidate, quarantineReason: reason)
  }

  /// The statement already committed for this IMAP position; nil for files, which are
  /// recognised by their content instead.
  public func seen(_ origin: MessageOrigin) throws(StoreError) -> String? {
    guard case .imap(let mailbox, let uidValidity, let uid) = origin else { return nil }
    return try read("look up \(origin)") { db in
      try String.fetchOne(
        try db.cachedStatement(
          sql: """
            SELECT statement_id FROM message_origin
            WHERE kind = 'imap' AND mailbox = ? AND uid_validity = ? AND uid = ?
            """), arguments: [mailbox, Int64(uidValidity), Int64(uid)])
    }
  }

  /// The highest UID committed for this mailbox and UIDVALIDITY, or nil when none is.
  public func imapHighWaterMark(mailbox: String, uidValidity: UInt32) throws(StoreError) -> UInt32?
  {
    let value = try read("read the IMAP position of \(mailbox)") { db in
      try Int64.fetchOne(
        db,
        sql: """
          SELECT MAX(uid) FROM message_origin
          WHERE kind = 'imap' AND mailbox = ? AND uid_validity = ?
          """, arguments: [mailbox, Int64(uidValidity)])
    }
    return value.flatMap(UInt32.init(exactly:))
  }

  // MARK: Group commit

  /// Starts a batch of intake whose commits are not synced to disk one by one: the
  /// caller ends it with `makeDurable()` before it acknowledges anything to the mailbox.
  ///
  /// Each message still commits in its own transaction, so one that fails rolls back
  /// alone. A commit that is not yet synced survives a crash of the process (it is in the
  /// WAL, in the kernel's cache); only a crash of the machine could lose it, and then its
  /// mail is still in the INBOX, because nothing is moved before `makeDurable()`. Commits
  /// of other writers meanwhile (the outbox) are synced with the batch.
  public func deferDurability() throws(StoreError) {
    try setSynchronous("NORMAL", operation: "begin a batch of intake")
  }

  /// Ends a batch begun by `deferDurability()`: when this returns, every commit so far is
  /// on disk (one sync of the WAL for the whole batch), and commits are synced one by one
  /// again.
  public func makeDurable() throws(StoreError) {
    try setSynchronous("FULL", operation: "end a batch of intake")
    // Syncing the write-ahead log is what a FULL commit does; once for every commit
    // appended to it since the last sync.
    let wal = databasePath + "-wal"
    let fd = open(wal, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      // No log: nothing was committed through it.
      if errno == ENOENT { return }
      throw .unwritable(
        path: wal, operation: "sync the batch to disk", reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    if fsync(fd) != 0 {
      throw .unwritable(
        path: wal, operation: "sync the batch to disk", reason: String(cString: strerror(errno)))
    }
  }

  private func setSynchronous(_ mode: String, operation: String) throws(StoreError) {
    do {
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = \(mode)")
      }
    } catch {
      throw writeFailure(error, operation)
    }
  }

  // MARK: Internals

  struct PendingAttachment {
    var info: AttachmentInfo
    var text: String?
    var data: [UInt8]
  }

  struct Candidate {
    var raw: [UInt8]
    var rawDigest: String
    var statement: ExtractedStatement
    var attachments: [PendingAttachment]
    var contentKey: String
    var state: StatementState
    var origin: MessageOrigin
    var receivedAt: Date

    var messageIDKey: String? { statement.messageID.flatMap(MessageIDKey.normalise) }
  }

  struct Dedupe {
    var duplicate: (id: String, reason: String)?
    /// Statements with the same Message-ID but other content.
    var sameMessageID: [String]
    /// The duplicate is a statement imported from the datatracker without its mail.
    var importedWithoutMail = false
  }

  /// What a statement starts as: only a liaison statement waits for routing; replies,
  /// automatic mail and bounces have nothing of their own to wait for.
  static func initialState(_ statement: ExtractedStatement) -> StatementState {
    statement.kind == .statement ? routedState(statement.route) : .closed
  }

  /// Where a liaison statement stands by its route alone.
  static func routedState(_ route: RouteDecision) -> StatementState {
    if route.misdirected { return .misdirected }
    return route.groups.isEmpty ? .unrouted : .open
  }

  private func commit(_ candidate: Candidate, quarantineReason: String?) throws(StoreError)
    -> RecordOutcome
  {
    // Look first, so that a duplicate writes no attachment files at all.
    let early = try read("check for a duplicate") { db in try Self.dedupe(db, candidate) }
    if early.duplicate == nil {
      for attachment in candidate.attachments {
        try files.store(attachment.data, sha256: attachment.info.sha256)
      }
    }
    let outcome = try write("record the message from \(candidate.origin)") { db in
      // Again inside the transaction: another writer may have recorded it meanwhile.
      let dedupe = try Self.dedupe(db, candidate)
      if let duplicate = dedupe.duplicate {
        try Self.noteDuplicate(db, id: duplicate.id, reason: duplicate.reason, candidate: candidate)
        if dedupe.importedWithoutMail {
          try RawMessageRow(
            statementID: duplicate.id, sha256: candidate.rawDigest, size: candidate.raw.count,
            data: Data(candidate.raw)
          ).insert(db)
        }
        return RecordOutcome.duplicate(id: duplicate.id)
      }
      if early.duplicate != nil {
        // Unreachable while nothing is ever deleted, but never commit a row without its file.
        for attachment in candidate.attachments {
          try files.store(attachment.data, sha256: attachment.info.sha256)
        }
      }
      let id = try Self.insert(
        db, candidate, sameMessageID: dedupe.sameMessageID, quarantineReason: quarantineReason,
        commandAddresses: commandAddresses)
      return quarantineReason == nil ? RecordOutcome.recorded(id: id) : .quarantined(id: id)
    }
    // Inside a caller's transaction nothing is recorded yet: that caller says so once it
    // commits (a line written here would stand for a message a rollback then took back).
    if !joinsATransaction {
      logger.info(
        "message recorded",
        metadata: [
          "liaison.id": "\(outcome.id)", "liaison.outcome": "\(outcome)",
          "liaison.origin": "\(candidate.origin)",
        ])
    }
    return outcome
  }

  static func dedupe(_ db: Database, _ candidate: Candidate) throws -> Dedupe {
    if case .imap(let mailbox, let uidValidity, let uid) = candidate.origin,
      let id = try String.fetchOne(
        try db.cachedStatement(
          sql: """
            SELECT statement_id FROM message_origin
            WHERE kind = 'imap' AND mailbox = ? AND uid_validity = ? AND uid = ?
            """), arguments: [mailbox, Int64(uidValidity), Int64(uid)])
    {
      return Dedupe(duplicate: (id, "same IMAP position"), sameMessageID: [])
    }
    if let id = try String.fetchOne(
      try db.cachedStatement(sql: "SELECT statement_id FROM raw_message WHERE sha256 = ?"),
      arguments: [candidate.rawDigest])
    {
      return Dedupe(duplicate: (id, "same raw bytes"), sameMessageID: [])
    }
    var sameMessageID: [String] = []
    if let key = candidate.messageIDKey {
      let rows = try Row.fetchAll(
        try db.cachedStatement(
          sql: "SELECT id, content_key FROM statement WHERE message_id_key = ? ORDER BY number"),
        arguments: [key])
      for row in rows where (row["content_key"] as String) == candidate.contentKey {
        return Dedupe(duplicate: (row["id"], "same Message-ID and content"), sameMessageID: [])
      }
      sameMessageID = rows.map { $0["id"] }
    }
    // Only an authenticated sender's mail may become an imported statement's mail: a
    // stranger who copies a published title gets a record of their own.
    let statement = candidate.statement
    if statement.kind == .statement, statement.authentication?.isAuthenticated == true,
      let id = try historyTwin(
        db, title: statement.title, direction: statement.direction, at: candidate.receivedAt,
        among: .importedWithoutMail)
    {
      return Dedupe(
        duplicate: (id, "its statement was imported from the datatracker before the mail came"),
        sameMessageID: [], importedWithoutMail: true)
    }
    return Dedupe(duplicate: nil, sameMessageID: sameMessageID)
  }

  private static func noteDuplicate(
    _ db: Database, id: String, reason: String, candidate: Candidate
  ) throws {
    if reason == "same IMAP position" { return }
    var origin = MessageOriginRow(
      statementID: id, origin: candidate.origin, recordedAt: ISOTime.string(candidate.receivedAt))
    try origin.insert(db)
    try appendEvent(
      db, id: id, kind: .duplicate, detail: "seen again as \(candidate.origin) (\(reason))",
      at: candidate.receivedAt)
  }

  private static func insert(
    _ db: Database, _ candidate: Candidate, sameMessageID: [String], quarantineReason: String?,
    commandAddresses: CommandAddresses
  ) throws -> String {
    let year = ISOTime.year(candidate.receivedAt)
    let (id, sequence) = try nextID(
      db, series: StatementID.Series(kind: candidate.statement.kind), year: year)
    let receivedAt = ISOTime.string(candidate.receivedAt)
    let statement = candidate.statement

    var row = StatementRow(
      id: id, year: year, sequence: sequence, receivedAt: receivedAt, state: candidate.state,
      statement: statement, contentKey: candidate.contentKey)
    try row.insert(db)
    try LiaisonStore.insertResponseKeys(
      db, number: db.lastInsertedRowID, title: statement.title,
      identifiers: statement.otherIdentifiers)
    try RawMessageRow(
      statementID: id, sha256: candidate.rawDigest, size: candidate.raw.count,
      data: Data(candidate.raw)
    ).insert(db)
    for (field, source) in statement.sources {
      try FieldSourceRow(statementID: id, field: field, source: source.rawValue).insert(db)
    }
    for (position, attachment) in candidate.attachments.enumerated() {
      let info = attachment.info
      try AttachmentRow(
        statementID: id, position: position, filename: info.filename,
        contentType: info.contentType, size: info.size, sha256: info.sha256, text: attachment.text
      ).insert(db)
    }
    try insertSearchEntry(
      db, number: row.number, statement: statement,
      attachments: candidate.attachments.map { ($0.info.filename, $0.text) },
      commandAddresses: commandAddresses)
    var origin = MessageOriginRow(statementID: id, origin: candidate.origin, recordedAt: receivedAt)
    try origin.insert(db)

    let at = candidate.receivedAt
    try appendEvent(db, id: id, kind: .received, detail: "from \(candidate.origin)", at: at)
    if let quarantineReason {
      try appendEvent(db, id: id, kind: .quarantined, detail: quarantineReason, at: at)
    }
    if !sameMessageID.isEmpty {
      try appendEvent(
        db, id: id, kind: .messageIDReused,
        detail:
          "Message-ID \(statement.messageID ?? "") was already recorded as "
          + "\(sameMessageID.joined(separator: ", ")) with different content",
        at: at)
    }
    return id
  }

  /// The next id of `series` in `year`, and its sequence number.
  static func nextID(_ db: Database, series: StatementID.Series, year: Int) throws
    -> (id: String, sequence: Int)
  {
    let sequence =
      try Int.fetchOne(
        try db.cachedStatement(
          sql: """
            SELECT COALESCE(MAX(sequence), 0) + 1 FROM statement
            WHERE year = ? AND substr(id, 1, ?) = ?
            """), arguments: [year, series.rawValue.count + 1, series.rawValue + "-"]) ?? 1
    return (StatementID.make(series: series, year: year, sequence: sequence), sequence)
  }

  /// The statement's row in the public search index. Searched publicly: a command address
  /// a text quotes is not in the index, so that no search finds (or completes, by prefix)
  /// its token.
  static func insertSearchEntry(
    _ db: Database, number: Int64?, statement: ExtractedStatement,
    attachments: [(filename: String, text: String?)], commandAddresses: CommandAddresses
  ) throws {
    let attachmentText =
      attachments
      .flatMap { [$0.filename, $0.text ?? ""] }
      .filter { !$0.isEmpty }
      .joined(separator: "\n")
    try db.execute(
      sql: "INSERT INTO statement_fts (rowid, title, body, attachments) VALUES (?, ?, ?, ?)",
      arguments: [
        number, commandAddresses.redact(statement.title ?? ""),
        commandAddresses.redact(statement.body ?? ""), commandAddresses.redact(attachmentText),
      ])
  }
}
