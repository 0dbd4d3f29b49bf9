import Foundation
import GRDB
import Liaison

/// The IETF's own statements (seed 004 section 4): numbered in the public `LS-` series,
/// recorded `outgoing`, and public only once sent (`MessageKind.isPublic(kind:direction:state:)`).
extension LiaisonStore {
  /// Records an outgoing statement in `state` (`pending`, or `sent` for one the IETF sent
  /// outside the tool). Its attachments are the files of an already recorded mail (the
  /// submission), so no bytes are written. It has no raw mail of its own: what went out is
  /// in the outbox. Returns the new id.
  /// `submission`, the mail it came as, is closed in the same transaction, so that a retry
  /// after a crash finds it handled and records nothing twice.
  public func recordOutgoing(
    _ statement: ExtractedStatement, state: StatementState, event: EventKind, detail: String,
    submission: String? = nil, at date: Date
  ) throws(StoreError) -> String {
    var statement = statement
    statement.kind = .statement
    statement.direction = .outgoing
    for attachment in statement.attachments where files.path(for: attachment.sha256) == nil {
      throw .invalidDigest(attachment.sha256)
    }
    let outgoing = statement
    return try write("record an outgoing statement") { db in
      let year = ISOTime.year(date)
      let (id, sequence) = try Self.nextID(db, series: .statement, year: year)
      let contentKey = ContentKey.make(
        outgoing, attachmentDigests: outgoing.attachments.map(\.sha256))
      var row = StatementRow(
        id: id, year: year, sequence: sequence, receivedAt: ISOTime.string(date), state: state,
        statement: outgoing, contentKey: contentKey)
      try row.insert(db)
      // The other body's answer names our id: it is a key to find this statement by.
      try Self.insertResponseKeys(
        db, number: db.lastInsertedRowID, title: outgoing.title,
        identifiers: [id] + outgoing.otherIdentifiers)
      for (position, info) in outgoing.attachments.enumerated() {
        try AttachmentRow(
          statementID: id, position: position, filename: info.filename,
          contentType: info.contentType, size: info.size, sha256: info.sha256, text: nil
        ).insert(db)
      }
      try db.execute(
        sql: "INSERT INTO statement_fts (rowid, title, body, attachments) VALUES (?, ?, ?, ?)",
        arguments: [
          row.number, outgoing.title ?? "", outgoing.body ?? "",
          outgoing.attachments.map(\.filename).joined(separator: "\n"),
        ])
      try Self.appendEvent(db, id: id, kind: event, detail: detail, at: date)
      if let submission {
        var mail = try Self.existing(db, submission)
        mail.state = StatementState.closed.rawValue
        try mail.update(db)
        try Self.appendEvent(
          db, id: submission, kind: .closed, detail: "submitted as the outgoing statement \(id)",
          at: date)
      }
      return id
    }
  }

  /// Marks an outgoing statement sent as the mail `messageID`, so that the other body's
  /// answer (In-Reply-To) finds it.
  public func markSent(id: String, messageID: String?, detail: String, at date: Date)
    throws(StoreError)
  {
    try write("mark \(id) sent") { db in
      var row = try Self.existing(db, id)
      row.state = StatementState.sent.rawValue
      if let messageID {
        row.messageID = messageID
        row.messageIDKey = MessageIDKey.normalise(messageID)
      }
      try row.update(db)
      try Self.appendEvent(db, id: id, kind: EventKind(state: .sent), detail: detail, at: date)
    }
  }
}

extension LiaisonStore {
  /// The mail liaisond sent as the outgoing statement `id`, as it was queued (the outbox
  /// row with the Message-ID `markSent` recorded): the statement's raw view, public once
  /// the statement is. Nil for an incoming record and before the statement was sent.
  public func sentMail(ofOutgoing id: String) throws(StoreError) -> [UInt8]? {
    try read("read the mail sent as \(id)") { db -> [UInt8]? in
      let row = try Self.existing(db, id)
      guard row.direction == Direction.outgoing.rawValue, let key = row.messageIDKey else {
        return nil
      }
      let data = try Data.fetchOne(
        db,
        sql: """
          SELECT data FROM outbox WHERE statement_id = ? AND message_id_key = ?
            AND length(data) > 0 ORDER BY id LIMIT 1
          """, arguments: [row.id, key])
      return data.map { [UInt8]($0) }
    }
  }

  /// Turns a recorded mail into an outgoing statement (one the IETF sent elsewhere and
  /// copied to the central address) in `state`, with an event saying why.
  public func setDirection(
    id: String, direction: Direction, state: StatementState, event: EventKind, detail: String,
    at date: Date
  ) throws(StoreError) {
    try write("set the direction of \(id)") { db in
      var row = try Self.existing(db, id)
      row.direction = direction.rawValue
      row.state = state.rawValue
      try row.update(db)
      try Self.appendEvent(db, id: id, kind: event, detail: detail, at: date)
    }
  }
}
