import Foundation
import GRDB
import Liaison
import Testing

@testable import Store

/// Only liaison statements are public (SPEC "The public record"): the store's public scope,
/// its private id series and the IAB's list of what was left out.
@Suite struct PublicRecordTests {
  /// One record of each kind, every one mentioning "slicing"; returns kind name -> id.
  static func seeded() throws -> (LiaisonStore, [String: String]) {
    let store = try LiaisonStore.temporary()
    var ids: [String: String] = [:]
    let kinds: [(String, MessageKind)] = [
      ("statement", .statement), ("reply", .replyToStatement), ("auto", .autoReply),
      ("bounce", .bounce), ("other", .notLiaison),
    ]
    for (offset, (name, kind)) in kinds.enumerated() {
      var s = StoreFixtures.statement(
        title: "\(name) about slicing", messageID: "\(name)@example.org",
        body: "Text of \(name) on network slicing.")
      s.kind = kind
      let raw = StoreFixtures.raw(
        messageID: "\(name)@example.org", subject: "Subject of \(name) <script>x</script>",
        body: "network slicing")
      ids[name] =
        try store.record(
          raw: raw, extraction: StoreFixtures.extraction(s),
          origin: StoreFixtures.imap(UInt32(offset + 1)),
          receivedAt: StoreFixtures.date("2026-11-2\(offset)T12:00:00Z")
        ).id
    }
    ids["quarantined"] =
      try store.recordUnparseable(
        raw: Array("From: spam@example.net\r\nSubject: slicing deal\r\n\r\nslicing\r\n".utf8),
        origin: StoreFixtures.imap(9), reason: "unparseable",
        receivedAt: StoreFixtures.date("2026-11-26T12:00:00Z")
      ).id
    return (store, ids)
  }

  @Test func onlyAStatementGetsAnLSIdPrivateMailIsNumberedApart() throws {
    let (_, ids) = try Self.seeded()
    #expect(ids["statement"] == "LS-2026-0001")
    #expect(
      ["reply", "auto", "bounce", "other", "quarantined"].map { ids[$0] }
        == ["MSG-2026-0001", "MSG-2026-0002", "MSG-2026-0003", "MSG-2026-0004", "MSG-2026-0005"])
  }

  @Test func publicReadsShowOnlyTheStatement() throws {
    let (store, ids) = try Self.seeded()
    let statement = try #require(ids["statement"])
    let all = try store.list(StatementFilter(limit: 100))
    #expect(all.total == 6)
    let published = try store.list(StatementFilter(limit: 100, scope: .publicRecord))
    #expect(published.items.map(\.id) == [statement])
    #expect(published.total == 1)
    let search = try store.list(StatementFilter(text: "slicing", scope: .publicRecord))
    #expect(search.items.map(\.id) == [statement])
    #expect(search.total == 1)
    // The quarantined mail has no text of its own to search.
    #expect(try store.list(StatementFilter(text: "slicing")).total == 5)
    let byKind = try store.list(StatementFilter(kind: .replyToStatement, scope: .publicRecord))
    #expect(byKind.total == 0)
    #expect(try store.export(scope: .publicRecord).map(\.id) == [statement])
    #expect(try store.export().count == 6)
    for (name, id) in ids {
      let expected = name == "statement"
      #expect((try store.statement(id: id, scope: .publicRecord) != nil) == expected, "\(name)")
      #expect(try store.statement(id: id) != nil, "\(name)")
    }
  }

  @Test func aPublicStatementDoesNotLinkItsPrivateResponse() throws {
    let (store, ids) = try Self.seeded()
    let statement = try #require(ids["statement"])
    let reply = try #require(ids["reply"])
    try store.linkResponse(
      responseID: reply, toOriginal: statement, at: StoreFixtures.date("2026-11-27T00:00:00Z"))
    #expect(try store.statement(id: statement)?.responses == [reply])
    #expect(try store.statement(id: statement, scope: .publicRecord)?.responses == [])
    #expect(try store.export(scope: .publicRecord).first?.responses == [])
    #expect(
      try store.list(StatementFilter(scope: .publicRecord)).items.first?.responses == [])
  }

  @Test func privateMailListsWhatThePublicRecordLeavesOutWithSenderAndSubject() throws {
    let (store, ids) = try Self.seeded()
    let page = try store.privateMail(limit: 100, offset: 0)
    #expect(page.total == 5)
    #expect(
      page.items.map(\.id)
        == ["quarantined", "other", "bounce", "auto", "reply"].map { ids[$0]! })
    #expect(
      page.items.map(\.kind)
        == ["not_liaison", "not_liaison", "bounce", "auto_reply", "reply_to_statement"])
    let reply = try #require(page.items.last)
    #expect(reply.sender == "rapporteur@example.org")
    #expect(reply.subject == "Subject of reply <script>x</script>")
    #expect(reply.receivedAt == "2026-11-21T12:00:00Z")
    let quarantined = try #require(page.items.first)
    #expect(quarantined.sender == "spam@example.net")
    #expect(quarantined.subject == "slicing deal")
    #expect(quarantined.state == .quarantined)
    #expect(try store.privateMail(limit: 2, offset: 0).items.count == 2)
  }

  @Test func theRuleIsTheKindsAndEveryKindHasDecided() {
    #expect(MessageKind.allCases.filter(\.isPublic) == [.statement])
    for kind in MessageKind.allCases {
      #expect(RecordScope.publicRecord.admits(kind) == kind.isPublic)
      #expect(RecordScope.everything.admits(kind))
      #expect(StatementID.Series(kind: kind) == (kind.isPublic ? .statement : .message))
    }
  }

  @Test func v3UpgradesAStoreWhoseSequenceWasUniquePerYear() throws {
    let first = try LiaisonStore.temporary()
    let old = try StoreFixtures.recordSample(first, uid: 1)
    // Back to the v2 shape: UNIQUE (year, sequence), v3 and the later ones not applied.
    try first.pool.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.inTransaction {
        let columns = try db.columns(in: "statement").map(\.name).joined(separator: ", ")
        let create = try #require(
          try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'statement'"))
        let open = try #require(create.firstIndex(of: "("))
        let close = try #require(create.lastIndex(of: ")"))
        try db.execute(
          sql: "CREATE TABLE old_statement " + create[open..<close]
            + ", UNIQUE (year, sequence))")
        try db.execute(
          sql: """
            INSERT INTO old_statement (\(columns)) SELECT \(columns) FROM statement;
            DROP TABLE statement;
            ALTER TABLE old_statement RENAME TO statement;
            DELETE FROM grdb_migrations
              WHERE identifier IN (
                'v3-private-ids', 'v4-outbound-bounds', 'v5-sender-authentication', 'v8-direction',
                'v9-forwarded');
            """)
        return .commit
      }
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    let downgraded = try first.pool.read { db in
      try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'statement'")
    }
    #expect(downgraded?.contains("UNIQUE (year, sequence)") == true)

    let upgraded = try LiaisonStore(directory: first.directory)
    #expect(try upgraded.statement(id: old)?.id == old)
    var reply = StoreFixtures.simple(messageID: "reply@example.org", title: "Reply")
    reply.kind = .replyToStatement
    let id = try StoreFixtures.recordSample(upgraded, uid: 2, statement: reply)
    #expect(id == "MSG-2026-0001")
    #expect(try StoreFixtures.recordSample(upgraded, uid: 3) == "LS-2026-0002")
    #expect(try upgraded.list(StatementFilter(text: "Reply")).items.map(\.id) == [id])
    let check = try upgraded.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
    }
    #expect(check.isEmpty)
  }
}
