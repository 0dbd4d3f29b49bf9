import Foundation
import GRDB
import Liaison
import Testing

@testable import Store

/// Command addresses a public statement quotes (a forwarded thread, a Send Reply To typed
/// by a stranger, a statement document) never reach the public: the public reads (the web,
/// feeds, API, `export`) cut them, the search index does not hold them, and the operator's
/// own view keeps the text as it came.
@Suite struct PublicRedactionTests {
  static let gateway = "liaison-coordination@iab.example"
  static let token = "k7q3x9m2fpwdq"
  static let respond = "liaison-coordination+ls-2026-0001.\(token)@iab.example"
  /// A plus-address of the gateway in no form liaisond hands out: cut where the gateway is known.
  static let otherTag = "Liaison-Coordination+anything@IAB.example"

  func recorded(in store: LiaisonStore) throws -> String {
    var statement = StoreFixtures.statement(
      title: "LS quoting \(Self.respond)",
      body: "Answer to \(Self.respond) or to \(Self.otherTag), please.")
    statement.sendReplyTo = Self.respond
    let attachment = StoreFixtures.attachment("Reply via <\(Self.respond)>.")
    return try store.record(
      raw: StoreFixtures.raw(messageID: "ls-1@itu.int", subject: "LS", body: "x"),
      extraction: StoreFixtures.extraction(statement, attachments: [attachment]),
      origin: StoreFixtures.imap(1), receivedAt: StoreFixtures.date("2026-11-23T12:00:00Z")
    ).id
  }

  static func encoded(_ records: [StatementRecord]) throws -> String {
    String(decoding: try JSONEncoder().encode(records), as: UTF8.self)
  }

  @Test func thePublicReadsCutEveryCommandAddress() throws {
    let store = try LiaisonStore.temporary(gatewayAddresses: [Self.gateway])
    let id = try recorded(in: store)
    try store.appendEvent(id: id, kind: .notified, detail: "via \(Self.respond)", at: Date())
    let page = try #require(try store.statement(id: id, scope: .publicRecord))
    let listed = try store.list(StatementFilter(limit: 10, scope: .publicRecord)).items
    let exported = try store.export(scope: .publicRecord)
    for text in [try Self.encoded([page]), try Self.encoded(listed), try Self.encoded(exported)] {
      #expect(!text.contains(Self.token))
      #expect(!text.lowercased().contains("+anything@"))
      #expect(text.contains(CommandAddresses.placeholder))
    }
    #expect(
      page.statement.body == "Answer to \(CommandAddresses.placeholder) or to "
        + "\(CommandAddresses.placeholder), please.")
    #expect(page.statement.sendReplyTo == CommandAddresses.placeholder)
    // The operator's own view is the record as it came.
    let whole = try #require(try store.statement(id: id))
    #expect(whole.statement.sendReplyTo == Self.respond)
    #expect(try Self.encoded(try store.export()).contains(Self.token))
  }

  /// Without the gateway known (`liaisond serve` or `export` with only `--store`), the
  /// forms liaisond hands out are cut all the same.
  @Test func theHandedOutFormsAreCutWithoutConfiguration() throws {
    let store = try LiaisonStore.temporary()
    let id = try recorded(in: store)
    let page = try #require(try store.statement(id: id, scope: .publicRecord))
    #expect(!(try Self.encoded([page]).contains(Self.token)))
  }

  /// No search finds a statement by a token it quotes, nor completes one by prefix.
  @Test func searchDoesNotFindOrCompleteAToken() throws {
    let store = try LiaisonStore.temporary(gatewayAddresses: [Self.gateway])
    _ = try recorded(in: store)
    for scope in [RecordScope.publicRecord, .everything] {
      for text in [Self.token, "k7q3*", "anything"] {
        #expect(try store.list(StatementFilter(text: text, scope: scope)).total == 0, "\(text)")
      }
      #expect(try store.list(StatementFilter(text: "quoting", scope: scope)).total == 1)
    }
  }

  /// A record made before the index was cut loses the tokens when it is opened.
  @Test func theMigrationCutsTheIndexOfAnOlderRecord() throws {
    let directory = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("liaisond-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let pool = try DatabasePool(path: directory + "/" + LiaisonStore.databaseFileName)
      try StoreSchema.migrator.migrate(pool, upTo: "v5-sender-authentication")
      try pool.write { db in
        try db.execute(
          sql: "INSERT INTO statement_fts (rowid, title, body, attachments) VALUES (1, ?, ?, '')",
          arguments: ["LS on slicing", "Write to \(Self.respond)."])
      }
    }
    let store = try LiaisonStore(directory: directory)
    let body = try store.pool.read { db in
      try String.fetchOne(db, sql: "SELECT body FROM statement_fts WHERE rowid = 1")
    }
    #expect(body == "Write to \(CommandAddresses.placeholder).")
    let found = try store.pool.read { db in
      try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM statement_fts WHERE statement_fts MATCH ?",
        arguments: [Self.token])
    }
    #expect(found == 0)
  }
}
