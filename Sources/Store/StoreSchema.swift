import Foundation
import GRDB
import Liaison

/// The schema, as one migrator with named steps. A released step is never edited: a change
/// is a new step ("v2", ...), so that every existing record upgrades the same way.
enum StoreSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(sql: v1)
    }
    migrator.registerMigration("v2-response-keys") { db in
      // findOriginal scanned every statement per response (quadratic over a backlog);
      // the folded keys make it an index lookup. Existing statements get theirs here.
      try db.execute(
        sql: """
          CREATE TABLE response_key (
            number INTEGER NOT NULL REFERENCES statement(number),
            kind TEXT NOT NULL CHECK (kind IN ('identifier', 'title')),
            key TEXT NOT NULL
          );
          CREATE INDEX response_key_lookup ON response_key(kind, key, number);
          """)
      let rows = try Row.fetchCursor(
        db, sql: "SELECT number, title, other_identifiers FROM statement")
      while let row = try rows.next() {
        let identifiers =
          (try? JSONDecoder().decode(
            [String].self, from: Data((row["other_identifiers"] as String).utf8))) ?? []
        try LiaisonStore.insertResponseKeys(
          db, number: row["number"], title: row["title"], identifiers: identifiers)
      }
    }
    migrator.registerMigration("v3-private-ids") { db in
      // Private mail is numbered in its own series (`MSG-2026-0001`, see `StatementID`), so
      // the sequence is unique per series and year, not per year: the id, already UNIQUE,
      // says both. SQLite cannot drop a table constraint, so the table is rebuilt (the
      // migrator turns foreign keys off for it and checks them after). Rowids are kept:
      // they are the rows of `statement_fts` and `response_key`.
      try db.execute(sql: "CREATE TABLE statement_v3 (\(statementColumns))")
      // The columns both shapes have: a later migration's column is added by that one.
      let kept = Set(try db.columns(in: "statement_v3").map(\.name))
      let list = try db.columns(in: "statement").map(\.name).filter(kept.contains)
        .joined(separator: ", ")
      try db.execute(
        sql: """
          INSERT INTO statement_v3 (\(list)) SELECT \(list) FROM statement;
          DROP TABLE statement;
          ALTER TABLE statement_v3 RENAME TO statement;
          CREATE INDEX statement_message_id_key ON statement(message_id_key);
          CREATE INDEX statement_received_at ON statement(received_at);
          CREATE INDEX statement_deadline ON statement(deadline);
          CREATE INDEX statement_answers ON statement(answers);
          CREATE INDEX statement_state ON statement(state);
          CREATE INDEX statement_year_sequence ON statement(year, sequence);
          CREATE INDEX statement_kind ON statement(kind);
          """)
    }
    migrator.registerMigration("v4-outbound-bounds") { db in
      try db.execute(sql: v4OutboundBounds)
    }
    // The receiving MTA's verdict on the sender (SPEC, "Who a sender is"), kept with the
    // record so that the statement page and the process read it without the raw mail.
    migrator.registerMigration("v5-sender-authentication") { db in
      try db.execute(sql: "ALTER TABLE statement ADD COLUMN authentication TEXT")
    }
    // The search index of a record made before it was kept free of command addresses
    // (SPEC: tokens are never public; a prefix search could complete one). Cut with the
    // forms liaisond hands out, which need no configuration.
    migrator.registerMigration("v6-search-without-command-addresses") { db in
      let addresses = CommandAddresses()
      let rows = try Row.fetchAll(
        db, sql: "SELECT rowid, title, body, attachments FROM statement_fts")
      for row in rows {
        let texts: [String] = ["title", "body", "attachments"].map { row[$0] ?? "" }
        let redacted = texts.map(addresses.redact)
        guard redacted != texts else { continue }
        try db.execute(
          sql: "UPDATE statement_fts SET title = ?, body = ?, attachments = ? WHERE rowid = ?",
          arguments: [redacted[0], redacted[1], redacted[2], row["rowid"] as Int64])
      }
    }
    // One message intake could not finish (`IntakeFailure`): kept apart from the
    // append-only history because the attempts of a message not yet recorded are counted
    // before it has a statement.
    migrator.registerMigration("v7-intake-failures") { db in
      try db.execute(
        sql: """
          CREATE TABLE intake_failure (
            origin TEXT PRIMARY KEY,
            statement_id TEXT REFERENCES statement(id),
            stage TEXT NOT NULL CHECK (stage IN ('process', 'record')),
            attempts INTEGER NOT NULL,
            history TEXT NOT NULL,
            quarantined INTEGER NOT NULL DEFAULT 0,
            last_at REAL NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX intake_failure_last ON intake_failure(last_at);
          """)
    }
    // Every record before this one came in; the IETF's own statements go out.
    migrator.registerMigration("v8-direction") { db in
      try db.execute(
        sql: "ALTER TABLE statement ADD COLUMN direction TEXT NOT NULL DEFAULT 'incoming'")
    }
    // Who forwarded a statement to the gateway (JSON `Forwarding`), kept beside the
    // original's fields: the acknowledgement of a forward depends on the forwarder.
    migrator.registerMigration("v9-forwarded") { db in
      try db.execute(sql: "ALTER TABLE statement ADD COLUMN forwarded TEXT")
    }
    // A record's old ids (`MSG-` of a mail reclassified as a statement, now `LS-`): they
    // still find it. Not a foreign key: the renumbering moves every child of the old id.
    // The history stays append-only: an event may change only its record, and only along
    // a recorded alias (the renumbering), never its time, kind or text.
    migrator.registerMigration("v10-record-id-aliases") { db in
      try db.execute(
        sql: """
          CREATE TABLE record_id_alias (alias TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
          DROP TRIGGER event_append_only_update;
          CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
            WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.kind IS NOT OLD.kind
              OR NEW.detail IS NOT OLD.detail
              OR NOT EXISTS (
                SELECT 1 FROM record_id_alias
                WHERE alias = OLD.statement_id AND id = NEW.statement_id)
            BEGIN SELECT RAISE(ABORT, 'the event history is append-only'); END;
          """)
    }
    // Statements of the datatracker's history (`liaisond history import`) keep their ids
    // there as aliases: what makes a second import change nothing, and what a later
    // statement's "In Response to liaison 1234" or export to the datatracker names.
    migrator.registerMigration("v11-history-aliases") { db in
      try db.execute(
        sql: """
          CREATE TABLE statement_alias (
            source TEXT NOT NULL,
            alias TEXT NOT NULL,
            statement_id TEXT NOT NULL REFERENCES statement(id),
            url TEXT,
            imported INTEGER NOT NULL,
            PRIMARY KEY (source, alias)
          ) WITHOUT ROWID;
          CREATE INDEX statement_alias_statement ON statement_alias(statement_id);
          """)
    }
    // A message being handled is marked before any of it runs, so that a trap or a kill
    // in the middle leaves a trace the next start counts (`beginIntakeAttempt`).
    migrator.registerMigration("v12-intake-attempts") { db in
      try db.execute(
        sql: """
          CREATE TABLE intake_attempt (
            origin TEXT PRIMARY KEY,
            started_at REAL NOT NULL,
            stops INTEGER NOT NULL DEFAULT 0
          ) WITHOUT ROWID
          """)
    }
    // Every write raises it (`LiaisonStore.changeCount`): the web caches pages by it.
    migrator.registerMigration("v13-change-counter") { db in
      try db.execute(sql: LiaisonStore.changeCounterSchema)
    }
    // Every UPDATE of a statement row names its `id`, which the outbox refers to: SQLite then
    // looks for outbox rows of the old id, a scan of the whole outbox without this index
    // (about a third of a backlog's SQLite time at 1,000 messages, growing with the outbox).
    migrator.registerMigration("v14-outbox-statement-index") { db in
      try db.execute(sql: "CREATE INDEX outbox_statement ON outbox(statement_id)")
    }
    return migrator
  }

  /// Mail the outbound policy keeps back stays in the outbox as `held` (over the daily cap
  /// to one outside address) or `refused` (no allowed recipient), with the reason and the
  /// subject for `/iab`. SQLite cannot widen a CHECK in place, so the table is rebuilt.
  private static let v4OutboundBounds = """
    CREATE TABLE outbox_v4 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      statement_id TEXT REFERENCES statement(id),
      message_id TEXT NOT NULL,
      message_id_key TEXT NOT NULL,
      envelope_from TEXT NOT NULL,
      recipients TEXT NOT NULL,
      data BLOB NOT NULL,
      dedupe_key TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'held', 'refused')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      not_before REAL NOT NULL,
      next_attempt REAL NOT NULL,
      queued_at REAL NOT NULL,
      sent_at REAL,
      withheld_reason TEXT,
      subject TEXT
    );
    INSERT INTO outbox_v4 (
      id, kind, statement_id, message_id, message_id_key, envelope_from, recipients, data,
      dedupe_key, status, attempts, last_error, not_before, next_attempt, queued_at, sent_at)
    SELECT
      id, kind, statement_id, message_id, message_id_key, envelope_from, recipients, data,
      dedupe_key, status, attempts, last_error, not_before, next_attempt, queued_at, sent_at
    FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v4 RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(status, next_attempt);
    CREATE INDEX outbox_message_id_key ON outbox(message_id_key);
    CREATE INDEX outbox_kind_queued ON outbox(kind, queued_at);
    CREATE INDEX outbox_status_queued ON outbox(status, queued_at);
    """

  /// The columns of `statement` from "v3-private-ids" on: v1's without UNIQUE (year, sequence).
  private static let statementColumns = """
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT,
    from_bodies TEXT NOT NULL,
    from_contacts TEXT NOT NULL,
    send_reply_to TEXT,
    to_bodies TEXT NOT NULL,
    to_contacts TEXT NOT NULL,
    send_to TEXT,
    cc TEXT NOT NULL,
    purpose TEXT,
    deadline TEXT,
    deadline_text TEXT,
    in_response_to TEXT,
    other_identifiers TEXT NOT NULL,
    route_groups TEXT NOT NULL,
    route_recipients TEXT NOT NULL,
    route_misdirected BOOLEAN NOT NULL,
    route_reason TEXT NOT NULL,
    body TEXT,
    message_id TEXT,
    message_id_key TEXT,
    in_reply_to TEXT NOT NULL,
    defects TEXT NOT NULL,
    content_key TEXT NOT NULL,
    answers TEXT REFERENCES statement(id)
    """

  private static let v1 = """
    CREATE TABLE statement (
      number INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      sequence INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL,
      title TEXT,
      from_bodies TEXT NOT NULL,
      from_contacts TEXT NOT NULL,
      send_reply_to TEXT,
      to_bodies TEXT NOT NULL,
      to_contacts TEXT NOT NULL,
      send_to TEXT,
      cc TEXT NOT NULL,
      purpose TEXT,
      deadline TEXT,
      deadline_text TEXT,
      in_response_to TEXT,
      other_identifiers TEXT NOT NULL,
      route_groups TEXT NOT NULL,
      route_recipients TEXT NOT NULL,
      route_misdirected BOOLEAN NOT NULL,
      route_reason TEXT NOT NULL,
      body TEXT,
      message_id TEXT,
      message_id_key TEXT,
      in_reply_to TEXT NOT NULL,
      defects TEXT NOT NULL,
      content_key TEXT NOT NULL,
      answers TEXT REFERENCES statement(id),
      UNIQUE (year, sequence)
    );
    CREATE INDEX statement_message_id_key ON statement(message_id_key);
    CREATE INDEX statement_received_at ON statement(received_at);
    CREATE INDEX statement_deadline ON statement(deadline);
    CREATE INDEX statement_answers ON statement(answers);
    CREATE INDEX statement_state ON statement(state);

    CREATE TABLE raw_message (
      statement_id TEXT PRIMARY KEY REFERENCES statement(id),
      sha256 TEXT NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      data BLOB NOT NULL
    );

    CREATE TABLE field_source (
      statement_id TEXT NOT NULL REFERENCES statement(id),
      field TEXT NOT NULL,
      source TEXT NOT NULL,
      PRIMARY KEY (statement_id, field)
    ) WITHOUT ROWID;

    CREATE TABLE attachment (
      statement_id TEXT NOT NULL REFERENCES statement(id),
      position INTEGER NOT NULL,
      filename TEXT NOT NULL,
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      text TEXT,
      PRIMARY KEY (statement_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX attachment_sha256 ON attachment(sha256);

    CREATE TABLE event (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      statement_id TEXT NOT NULL REFERENCES statement(id),
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL
    );
    CREATE INDEX event_statement ON event(statement_id, id);
    CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
      BEGIN SELECT RAISE(ABORT, 'the event history is append-only'); END;
    CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
      BEGIN SELECT RAISE(ABORT, 'the event history is append-only'); END;

    CREATE TABLE message_origin (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      statement_id TEXT NOT NULL REFERENCES statement(id),
      kind TEXT NOT NULL CHECK (kind IN ('imap', 'file')),
      mailbox TEXT,
      uid_validity INTEGER,
      uid INTEGER,
      path TEXT,
      recorded_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX message_origin_imap ON message_origin(mailbox, uid_validity, uid)
      WHERE kind = 'imap';
    CREATE INDEX message_origin_statement ON message_origin(statement_id);

    CREATE VIRTUAL TABLE statement_fts USING fts5(
      title, body, attachments,
      tokenize = 'porter unicode61 remove_diacritics 2'
    );

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      statement_id TEXT REFERENCES statement(id),
      message_id TEXT NOT NULL,
      message_id_key TEXT NOT NULL,
      envelope_from TEXT NOT NULL,
      recipients TEXT NOT NULL,
      data BLOB NOT NULL,
      dedupe_key TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      not_before REAL NOT NULL,
      next_attempt REAL NOT NULL,
      queued_at REAL NOT NULL,
      sent_at REAL
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt);
    CREATE INDEX outbox_message_id_key ON outbox(message_id_key);
    CREATE INDEX outbox_kind_queued ON outbox(kind, queued_at);

    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    """
}
