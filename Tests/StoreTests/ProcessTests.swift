import Foundation
import GRDB
import Liaison
import Testing

@testable import Store

@Suite struct ProcessTests {
  static let at = StoreFixtures.date("2026-11-24T08:00:00Z")

  @Test func linkResponseMarksTheOriginalAnsweredOnce() throws {
    let store = try LiaisonStore.temporary()
    let original = try StoreFixtures.recordSample(store, uid: 1)
    let response = try StoreFixtures.recordSample(store, uid: 2)
    try store.linkResponse(responseID: response, toOriginal: original, at: Self.at)
    try store.linkResponse(responseID: response, toOriginal: original, at: Self.at)
    let record = try #require(try store.statement(id: original))
    #expect(record.state == .answered)
    #expect(record.responses == [response])
    #expect(record.events.filter { $0.kind == .answered }.count == 1)
    #expect(record.events.last?.at == "2026-11-24T08:00:00Z")
    #expect(try store.statement(id: response)?.answers == original)
    #expect(throws: StoreError.unknownStatement(id: "LS-2026-0099")) {
      try store.linkResponse(responseID: response, toOriginal: "LS-2026-0099", at: Self.at)
    }
    #expect(throws: StoreError.self) {
      try store.linkResponse(responseID: response, toOriginal: response, at: Self.at)
    }
  }

  /// A private mail reclassified as a statement leaves the MSG- series: it gets the next
  /// LS- id, its history, raw mail and outbox follow it, and the MSG- id still finds it.
  /// Its history stays append-only: only the renumbering moves an event, unchanged.
  @Test func aReclassifiedMailGetsAnLSIdAndKeepsItsMSGIdAsAnAlias() throws {
    let store = try LiaisonStore.temporary()
    let first = try StoreFixtures.recordSample(store, uid: 1)
    var automatic = StoreFixtures.simple(
      messageID: "auto@example.org", title: "LS by a bulk mailer")
    automatic.kind = .autoReply
    let old = try StoreFixtures.recordSample(store, uid: 2, statement: automatic)
    #expect(old.hasPrefix("MSG-"))
    try store.appendEvent(id: old, kind: .notAcknowledged, detail: "automatic", at: Self.at)
    var statement = automatic
    statement.kind = .statement
    let id = try store.reclassify(id: old, as: statement, detail: "from auto_reply", at: Self.at)
    #expect(id.hasPrefix("LS-") && id != first, "\(old) -> \(id)")
    #expect(try store.currentID(of: old) == id)
    let record = try #require(try store.statement(id: old, scope: .publicRecord))
    #expect(record.id == id)
    #expect(record.events.first?.kind == .received, "\(record.events)")
    #expect(record.events.contains { $0.kind == .notAcknowledged && $0.detail == "automatic" })
    #expect(record.events.last?.kind == .reclassified)
    #expect(record.events.last?.detail.contains("\(old) is now \(id)") == true)
    #expect(
      try store.rawMessage(id: old) != nil && store.rawMessage(id: id) == store.rawMessage(id: old))
    #expect(try store.export(scope: .publicRecord).map(\.id).contains(id))
    #expect(try store.privateMail(limit: 10, offset: 0).items.isEmpty)
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in
        try db.execute(
          sql: "UPDATE event SET statement_id = ? WHERE statement_id = ?", arguments: [first, id])
      }
    }
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in
        try db.execute(
          sql: "UPDATE event SET detail = 'forged' WHERE statement_id = ?", arguments: [id])
      }
    }
  }

  @Test func eventsAreAppendOnly() throws {
    let store = try LiaisonStore.temporary()
    let id = try StoreFixtures.recordSample(store, uid: 1)
    try store.appendEvent(id: id, kind: .notified, detail: "ccamp-chairs@ietf.org", at: Self.at)
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in try db.execute(sql: "UPDATE event SET detail = 'forged'") }
    }
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in try db.execute(sql: "DELETE FROM event") }
    }
    #expect(try store.statement(id: id)?.events.map(\.kind) == [.received, .notified])
    #expect(throws: StoreError.unknownStatement(id: "LS-1999-0001")) {
      try store.appendEvent(id: "LS-1999-0001", kind: .notified, detail: "y", at: Self.at)
    }
  }

  @Test func setRouteOpensAnUnroutedStatementAndAudits() throws {
    let store = try LiaisonStore.temporary()
    var s = StoreFixtures.simple(messageID: "u@x", title: "Nobody's")
    s.route = RouteDecision(reason: "no group named")
    let id = try StoreFixtures.recordSample(store, uid: 1, statement: s)
    #expect(try store.statement(id: id)?.state == .unrouted)
    let route = RouteDecision(
      groups: ["opsawg"], recipients: ["opsawg-chairs@ietf.org"], reason: "manual")
    try store.setRoute(
      id: id, route: route, event: .rerouted, detail: "to opsawg by the IAB", at: Self.at)
    let record = try #require(try store.statement(id: id))
    #expect(record.state == .open)
    #expect(record.statement.route == route)
    #expect(
      record.events.last
        == StatementEvent(
          at: "2026-11-24T08:00:00Z", kind: .rerouted, detail: "to opsawg by the IAB"))
    let later = Self.at.addingTimeInterval(3600)
    try store.setState(id: id, state: .closed, detail: "withdrawn by the sender", at: later)
    #expect(try store.statement(id: id)?.state == .closed)
    #expect(
      try store.statement(id: id)?.events.last
        == StatementEvent(
          at: "2026-11-24T09:00:00Z", kind: .closed, detail: "withdrawn by the sender"))
  }

  /// The route found at intake is usually the one recorded with the statement: routing it
  /// then writes its event and nothing of the row. A new route is written, and a closed
  /// statement keeps its state under it.
  @Test func setRouteWritesOnlyWhatChangesAndKeepsAClosedStatementClosed() throws {
    let store = try LiaisonStore.temporary()
    var s = StoreFixtures.simple(messageID: "r@x", title: "Routed")
    let route = RouteDecision(
      groups: ["opsawg"], recipients: ["opsawg-chairs@ietf.org"], reason: "named")
    s.route = route
    let id = try StoreFixtures.recordSample(store, uid: 1, statement: s)
    try store.pool.write { db in
      try db.execute(
        sql: """
          CREATE TABLE row_updates (id TEXT);
          CREATE TRIGGER count_row_updates AFTER UPDATE ON statement
          BEGIN INSERT INTO row_updates VALUES (NEW.id); END;
          """)
    }
    func updates() throws -> Int {
      try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM row_updates") }
        ?? -1
    }
    try store.setRoute(id: id, route: route, event: .routed, detail: "named", at: Self.at)
    #expect(try updates() == 0, "the same route: only the event")
    var record = try #require(try store.statement(id: id))
    #expect(record.state == .open && record.statement.route == route)
    #expect(record.events.last?.kind == .routed)

    try store.setState(id: id, state: .closed, detail: "withdrawn", at: Self.at)
    let other = RouteDecision(
      groups: ["iab"], recipients: ["iab@iab.org"], misdirected: true, reason: "not ours")
    try store.setRoute(id: id, route: other, event: .rerouted, detail: "to the IAB", at: Self.at)
    #expect(try updates() == 2, "setState, then the new route")
    record = try #require(try store.statement(id: id))
    #expect(record.state == .closed, "closed stays closed")
    #expect(record.statement.route == other)

    #expect(throws: StoreError.unknownStatement(id: "LS-1999-0001")) {
      try store.setRoute(
        id: "LS-1999-0001", route: route, event: .rerouted, detail: "x", at: Self.at)
    }
  }

  /// Every history entry the store writes by itself (recording, duplicates, quarantine, a
  /// reused Message-ID, a linked response) is a kind of the vocabulary the web has words for.
  @Test func theStoreWritesOnlyKindsOfTheVocabulary() throws {
    let store = try LiaisonStore.temporary()
    let received = StoreFixtures.date("2026-11-23T12:00:00Z")
    let raw = StoreFixtures.raw(messageID: "m@x", subject: "A", body: "one")
    let one = StoreFixtures.extraction(StoreFixtures.statement(messageID: "m@x", body: "one"))
    let original = try store.record(
      raw: raw, extraction: one, origin: StoreFixtures.imap(1), receivedAt: received
    ).id
    _ = try store.record(
      raw: raw, extraction: one, origin: StoreFixtures.imap(2), receivedAt: received)
    let response = try store.record(
      raw: StoreFixtures.raw(messageID: "m@x", subject: "A", body: "two"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(messageID: "m@x", body: "two")),
      origin: StoreFixtures.imap(3), receivedAt: received
    ).id
    _ = try store.recordUnparseable(
      raw: [0x00], origin: StoreFixtures.imap(4), reason: "no header section",
      receivedAt: received)
    try store.linkResponse(responseID: response, toOriginal: original, at: Self.at)

    let written = try store.pool.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM event").map(EventKind.init(rawValue:))
    }
    #expect(
      Set(written)
        == [.received, .duplicate, .messageIDReused, .quarantined, .linked, .answered])
    #expect(Set(written).isSubset(of: EventKind.allCases))
  }

  @Test func findOriginalByMessageIDOfTheStatementOrOfOurMail() throws {
    let store = try LiaisonStore.temporary()
    let original = try StoreFixtures.recordSample(store, uid: 1)
    var reply = StoreFixtures.simple(messageID: "reply@x", title: "Something else entirely")
    reply.inReplyTo = ["<unknown@x>", "<SAMPLE-1@example.org>"]
    #expect(try store.findOriginal(for: reply) == original)

    // A chair answers the notification we sent about the statement.
    _ = try store.enqueue(
      OutboxMail(
        kind: "notification", statementID: original, messageID: "<notify-1@liaisond>",
        envelopeFrom: "liaison@iab.org", recipients: ["ccamp-chairs@ietf.org"], data: [1],
        dedupeKey: "notify:\(original)", notBefore: StoreFixtures.date("2026-11-23T12:00:00Z")),
      at: StoreFixtures.date("2026-11-23T12:00:00Z"))
    reply.inReplyTo = ["<notify-1@liaisond>"]
    #expect(try store.findOriginal(for: reply) == original)
  }

  @Test func findOriginalByIdentifierThenTitle() throws {
    let store = try LiaisonStore.temporary()
    let byIdentifier = try StoreFixtures.recordSample(
      store, uid: 1,
      statement: StoreFixtures.statement(
        title: "LS on OTN slicing", messageID: "o1@x", identifiers: ["SG15-LS123"]))
    let byTitle = try StoreFixtures.recordSample(
      store, uid: 2,
      statement: StoreFixtures.statement(
        title: "LS on YANG models for flexe", messageID: "o2@x", identifiers: []))

    let response = StoreFixtures.statement(
      title: "Reply to the LS", messageID: "r1@x", purpose: .response, identifiers: ["IETF-LS-1"],
      inResponseTo: "ITU-T SG15 LS 123")
    #expect(try store.findOriginal(for: response) == byIdentifier)

    let exact = StoreFixtures.statement(
      title: "x", messageID: "r2@x", purpose: .response, identifiers: [], inResponseTo: "sg15-ls123"
    )
    #expect(try store.findOriginal(for: exact) == byIdentifier)

    let titled = StoreFixtures.statement(
      title: "Re: Response to LS on YANG Models for FlexE", messageID: "r3@x", purpose: .response,
      identifiers: [])
    #expect(try store.findOriginal(for: titled) == byTitle)

    let unrelated = StoreFixtures.statement(
      title: "LS on something new", messageID: "r4@x", purpose: .response, identifiers: [],
      inResponseTo: "SG13-LS77")
    #expect(try store.findOriginal(for: unrelated) == nil)

    // A recorded statement is never its own original.
    let recorded = StoreFixtures.statement(title: "LS on OTN slicing", messageID: "o1@x")
    #expect(try store.findOriginal(for: recorded) == nil)
  }

  @Test func metaValuesPersist() throws {
    let store = try LiaisonStore.temporary()
    #expect(try store.meta("reminders.last_run") == nil)
    try store.setMeta("reminders.last_run", "2026-11-23T12:00:00Z")
    try store.setMeta("reminders.last_run", "2026-11-24T12:00:00Z")
    let reopened = try LiaisonStore(directory: store.directory)
    #expect(try reopened.meta("reminders.last_run") == "2026-11-24T12:00:00Z")
  }
}
