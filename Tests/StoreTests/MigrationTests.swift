import Foundation
import GRDB
import Liaison
import Testing

@testable import Store

@Suite struct MigrationTests {
  @Test func freshDatabaseHasEverySchemaObjectAndWAL() throws {
    let store = try LiaisonStore.temporary()
    let names = try store.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    }
    for expected in [
      "statement", "raw_message", "field_source", "attachment", "event", "message_origin",
      "statement_fts", "outbox", "meta", "event_append_only_update", "event_append_only_delete",
      "intake_failure", "statement_alias", "change_counter",
    ] {
      #expect(names.contains(expected), "missing \(expected)")
    }
    let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    // FULL (2) on the writer: a commit is on disk before its mail leaves the INBOX.
    let synchronous = try store.pool.writeWithoutTransaction { db in
      try Int.fetchOne(db, sql: "PRAGMA synchronous")
    }
    #expect(synchronous == 2)
    let applied = try store.pool.read { db in try StoreSchema.migrator.appliedIdentifiers(db) }
    #expect(
      applied == [
        "v1", "v2-response-keys", "v3-private-ids", "v4-outbound-bounds",
        "v5-sender-authentication", "v6-search-without-command-addresses",
        "v7-intake-failures", "v8-direction", "v9-forwarded",
        "v10-record-id-aliases", "v11-history-aliases", "v12-intake-attempts",
        "v13-change-counter", "v14-outbox-statement-index",
      ])
    #expect(FileManager.default.fileExists(atPath: store.directory + "/attachments"))
  }

  /// Changing a statement row checks the outbox rows that refer to it by the index, not by
  /// a scan of the outbox (the foreign key's check, planned as SQLite plans it).
  @Test func theOutboxIsFoundByStatementThroughAnIndex() throws {
    let store = try LiaisonStore.temporary()
    let plan = try store.pool.read { db in
      try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN SELECT 1 FROM outbox WHERE statement_id = ?",
        arguments: ["LS-2026-0001"]
      ).map { $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("USING COVERING INDEX outbox_statement") }, "\(plan)")
    #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
  }

  @Test func reopeningKeepsTheRecordAndMigratesNothingTwice() throws {
    let first = try LiaisonStore.temporary()
    let id = try StoreFixtures.recordSample(first, uid: 1)
    let second = try LiaisonStore(directory: first.directory)
    #expect(try second.statement(id: id)?.id == id)
    let applied = try second.pool.read { db in try StoreSchema.migrator.appliedIdentifiers(db) }
    #expect(
      applied == [
        "v1", "v2-response-keys", "v3-private-ids", "v4-outbound-bounds",
        "v5-sender-authentication", "v6-search-without-command-addresses",
        "v7-intake-failures", "v8-direction", "v9-forwarded",
        "v10-record-id-aliases", "v11-history-aliases", "v12-intake-attempts",
        "v13-change-counter", "v14-outbox-statement-index",
      ])
  }

  @Test func v4KeepsTheOutboxOfADatabaseMadeBeforeIt() throws {
    let directory = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("liaisond-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let pool = try DatabasePool(path: directory + "/" + LiaisonStore.databaseFileName)
      try StoreSchema.migrator.migrate(pool, upTo: "v2-response-keys")
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO outbox (kind, message_id, message_id_key, envelope_from, recipients, data,
              dedupe_key, status, not_before, next_attempt, queued_at)
            VALUES ('digest', '<d@x>', 'd@x', 'g@x', '["iab@x"]', x'00', 'digest:2026-W48',
              'queued', 0, 0, 0)
            """)
      }
      #expect(throws: (any Error).self) {
        try pool.write { db in
          try db.execute(sql: "UPDATE outbox SET status = 'held'")
        }
      }
    }
    let upgraded = try LiaisonStore(directory: directory)
    #expect(try upgraded.outboxContains(dedupeKey: "digest:2026-W48"))
    #expect(try upgraded.outboxCounts() == OutboxCounts(queued: 1))
    let due = try upgraded.dueOutbox(now: Date(timeIntervalSince1970: 1), limit: 10)
    #expect(due.map(\.mail.recipients) == [["iab@x"]])
  }

  @Test func v2BackfillsTheResponseKeysOfARecordMadeBeforeIt() throws {
    let first = try LiaisonStore.temporary()
    let original = try StoreFixtures.recordSample(
      first, uid: 1,
      statement: StoreFixtures.statement(
        title: "LS on OTN slicing", messageID: "o1@x", identifiers: ["SG15-LS123"]))
    // Back to a v1 database: no keys table, v2 not applied.
    try first.pool.write { db in
      try db.execute(sql: "DROP TABLE response_key")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-response-keys'")
    }
    let upgraded = try LiaisonStore(directory: first.directory)
    let response = StoreFixtures.statement(
      title: "Reply", messageID: "r1@x", purpose: .response, identifiers: [],
      inResponseTo: "ITU-T SG15 LS 123")
    #expect(try upgraded.findOriginal(for: response) == original)
    let keys = try upgraded.pool.read { db in
      try String.fetchAll(db, sql: "SELECT kind || ':' || key FROM response_key ORDER BY 1")
    }
    #expect(keys == ["identifier:sg15ls123", "title:otn slicing"])
  }

  @Test func aDatabaseFromANewerVersionIsRefusedByName() throws {
    let store = try LiaisonStore.temporary()
    try store.pool.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
    }
    #expect {
      _ = try LiaisonStore(directory: store.directory)
    } throws: { error in
      guard case .migrationFailed(let path, _) = error as? StoreError else { return false }
      return path.hasSuffix("liaisond.sqlite")
    }
  }

  @Test func anUnusableDirectoryIsNamed() throws {
    let file = NSTemporaryDirectory() + "liaisond-not-a-dir-\(UUID().uuidString)"
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    defer { try? FileManager.default.removeItem(atPath: file) }
    #expect {
      _ = try LiaisonStore(directory: file + "/store")
    } throws: { error in
      (error as? StoreError)?.description.contains(file) == true
    }
  }
}
